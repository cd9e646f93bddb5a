using Gateway.Evaluation.Spider.Sql;

namespace Gateway.Evaluation.Tests.Spider.Sql;

public sealed class SpiderSqlParserTests
{
    private static readonly SpiderNameSchema Schema = new(new Dictionary<string, IEnumerable<string>>
    {
        ["singer"] = ["singer_id", "name", "country", "age"],
        ["concert"] = ["concert_id", "singer_id", "year"],
    });

    [Fact]
    public void Resolves_aliases_to_table_qualified_column_ids()
    {
        var sql = SpiderSqlParser.Parse(Schema, "SELECT T1.name FROM singer AS T1 JOIN concert AS T2 ON T1.singer_id = T2.singer_id");

        Assert.Equal("__singer.name__", sql.Select.Items[0].Value.Left.ColumnId);
        Assert.Equal(["__singer__", "__concert__"], sql.From.TableUnits.Select(t => t.TableId));
        var join = Assert.IsType<CondUnit>(Assert.Single(sql.From.Conditions));
        Assert.Equal(new ColUnit(AggOp.None, "__concert.singer_id__", false), Assert.IsType<ColumnValue>(join.Value1).Column);
    }

    [Fact]
    public void Resolves_unqualified_columns_against_the_from_tables_in_order()
    {
        var sql = SpiderSqlParser.Parse(Schema, "SELECT singer_id, age FROM concert JOIN singer");

        Assert.Equal(["__concert.singer_id__", "__singer.age__"], sql.Select.Items.Select(i => i.Value.Left.ColumnId));
    }

    [Fact]
    public void Reads_aggregates_distinct_and_star()
    {
        var sql = SpiderSqlParser.Parse(Schema, "SELECT DISTINCT count(DISTINCT country), max(age) FROM singer");

        Assert.True(sql.Select.Distinct);
        Assert.Equal(new SelectItem(AggOp.Count, new ValUnit(UnitOp.None, new ColUnit(AggOp.None, "__singer.country__", true), null)), sql.Select.Items[0]);
        Assert.Equal(AggOp.Max, sql.Select.Items[1].Agg);
    }

    [Fact]
    public void Reads_conditions_with_connectors_not_between_in_and_like()
    {
        var sql = SpiderSqlParser.Parse(Schema,
            "SELECT name FROM singer WHERE age BETWEEN 20 AND 30 AND country NOT IN (SELECT country FROM singer) OR name LIKE '%a%'");

        var units = ConditionList.Units(sql.Where).ToList();
        Assert.Equal([WhereOp.Between, WhereOp.In, WhereOp.Like], units.Select(u => u.Op));
        Assert.Equal([false, true, false], units.Select(u => u.Not));
        Assert.Equal(new NumberValue(30), units[0].Value2);
        Assert.IsType<NestedQueryValue>(units[1].Value1);
        Assert.Equal(["and", "or"], ConditionList.Connectors(sql.Where));
    }

    [Fact]
    public void Reads_group_having_order_limit_and_set_operations()
    {
        var sql = SpiderSqlParser.Parse(Schema,
            "SELECT country FROM singer GROUP BY country HAVING count(*) > 2 ORDER BY count(*) DESC LIMIT 3 UNION SELECT name FROM singer");

        Assert.Equal("__singer.country__", Assert.Single(sql.GroupBy).ColumnId);
        Assert.Equal(AggOp.Count, Assert.IsType<CondUnit>(Assert.Single(sql.Having)).Value.Left.Agg);
        Assert.Equal("desc", sql.OrderBy!.Direction);
        Assert.Equal(3, sql.Limit);
        Assert.NotNull(sql.Union);
        Assert.Null(sql.Intersect);
    }

    [Fact]
    public void Reads_a_subquery_in_from_as_a_query_table_unit()
    {
        var sql = SpiderSqlParser.Parse(Schema, "SELECT count(*) FROM (SELECT name FROM singer)");

        Assert.True(Assert.Single(sql.From.TableUnits).IsQuery);
    }

    [Theory]
    [InlineData("")]
    [InlineData("SELECT")]
    [InlineData("SELECT name FROM nowhere")]
    [InlineData("SELECT nothing FROM singer")]
    [InlineData("SELECT name FROM singer s")]
    [InlineData("SELECT name FROM singer, concert")]
    [InlineData("SELECT name FROM singer WHERE age=1")]
    [InlineData("SELECT name FROM singer LIMIT")]
    [InlineData("((((((((")]
    [InlineData("DROP TABLE singer")]
    public void Rejects_what_spider_rejects_with_a_parse_exception(string sql)
    {
        Assert.Throws<SpiderParseException>(() => SpiderSqlParser.Parse(Schema, sql));
    }

    [Fact]
    public void An_alias_named_like_a_table_is_rejected()
    {
        Assert.Throws<SpiderParseException>(() => SpiderSqlParser.Parse(Schema, "SELECT name FROM singer AS concert"));
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_fails_softly_instead_of_recursing_on()
    {
        var sql = "SELECT name FROM singer WHERE age IN " + string.Concat(Enumerable.Repeat("(SELECT age FROM singer WHERE age IN ", 500))
            + "(1)" + new string(')', 500);

        Assert.Throws<SpiderParseException>(() => SpiderSqlParser.Parse(Schema, sql));
    }
}
