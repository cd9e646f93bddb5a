using Gateway.Model.TextToSql;
using static Gateway.Model.Tests.TextToSql.ConcertDatabase;

namespace Gateway.Model.Tests.TextToSql;

public sealed class SqlRoundTripTests : IDisposable
{
    private readonly ConcertDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private static readonly PointerExample Values = Example(Number("1"), Text("France"), Number("40"), Number("2014"), Text("Park"), Number("30"));

    [Theory]
    [InlineData("SELECT count(*) FROM singer")]
    [InlineData("SELECT name, country, age FROM singer ORDER BY age DESC")]
    [InlineData("SELECT DISTINCT country FROM singer WHERE age > 40")]
    [InlineData("SELECT avg(age), min(age), max(age) FROM singer WHERE country = 'France'")]
    [InlineData("SELECT country, count(*) FROM singer GROUP BY country HAVING count(*) > 1")]
    [InlineData("SELECT name FROM singer WHERE age BETWEEN 30 AND 40 OR country != 'France'")]
    [InlineData("SELECT T2.concert_name FROM stadium AS T1 JOIN concert AS T2 ON T1.stadium_id = T2.stadium_id WHERE T1.name LIKE '%Park%'")]
    [InlineData("SELECT name FROM singer WHERE singer_id NOT IN (SELECT singer_id FROM singer_in_concert)")]
    [InlineData("SELECT name FROM stadium ORDER BY capacity DESC LIMIT 1")]
    [InlineData("SELECT name FROM singer WHERE country = 'France' INTERSECT SELECT name FROM singer WHERE age > 40")]
    [InlineData("SELECT T1.name, count(*) FROM singer AS T1 JOIN singer_in_concert AS T2 ON T1.singer_id = T2.singer_id JOIN concert AS T3 ON T2.concert_id = T3.concert_id WHERE T3.year = 2014 GROUP BY T1.name")]
    [InlineData("SELECT count(DISTINCT country) FROM singer")]
    [InlineData("SELECT name FROM singer WHERE age > (SELECT avg(age) FROM singer)")]
    public void Rendered_actions_return_the_gold_rows(string gold)
    {
        var result = SqlLinearizer.Linearize(Schema, Values.Values, gold);

        Assert.True(result.Succeeded, result.Failure?.Detail);
        var rendered = SqlRenderer.Render(Values, result.Actions!);
        Assert.Equal(_database.Rows(gold).Order(), _database.Rows(rendered).Order());
    }

    [Fact]
    public void Actions_start_with_from_and_the_tables_and_end_with_the_end_keyword()
    {
        var actions = SqlLinearizer.Linearize(Schema, Values.Values, "SELECT name FROM singer WHERE age > 40").Actions!;

        Assert.Equal(
            [SqlKeywords.Action("from"), new SqlAction(SqlActionKind.Table, Tables.Singer), SqlKeywords.Action("select"),
                new SqlAction(SqlActionKind.Column, Columns.SingerName), SqlKeywords.Action("where"),
                new SqlAction(SqlActionKind.Column, Columns.Age), SqlKeywords.Action(">"), new SqlAction(SqlActionKind.Value, 2),
                new SqlAction(SqlActionKind.Keyword, SqlKeywords.End)],
            actions);
    }

    [Fact]
    public void A_literal_missing_from_the_candidates_is_reported_not_dropped()
    {
        var result = SqlLinearizer.Linearize(Schema, Values.Values, "SELECT name FROM singer WHERE country = 'Spain'");

        Assert.False(result.Succeeded);
        Assert.Equal("value-missing", result.Failure!.Kind);
        Assert.Contains("Spain", result.Failure.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_self_join_is_reported_as_unsupported()
    {
        var result = SqlLinearizer.Linearize(Schema, Values.Values,
            "SELECT T1.name FROM singer AS T1 JOIN singer AS T2 ON T1.age = T2.age WHERE T1.singer_id != T2.singer_id");

        Assert.Equal("self-join", result.Failure?.Kind);
    }

    [Fact]
    public void Renderer_joins_two_tables_through_the_bridge_table_between_them()
    {
        var actions = new[]
        {
            SqlKeywords.Action("from"), new SqlAction(SqlActionKind.Table, Tables.Singer), new SqlAction(SqlActionKind.Table, Tables.Concert),
            SqlKeywords.Action("select"), new SqlAction(SqlActionKind.Column, Columns.SingerName),
            SqlKeywords.Action("where"), new SqlAction(SqlActionKind.Column, Columns.Year), SqlKeywords.Action("="), new SqlAction(SqlActionKind.Value, 3),
            new SqlAction(SqlActionKind.Keyword, SqlKeywords.End),
        };

        var sql = SqlRenderer.Render(Values, actions);

        Assert.Equal(
            "SELECT T1.name FROM singer AS T1 JOIN singer_in_concert AS T2 ON T2.singer_id = T1.singer_id JOIN concert AS T3 ON T2.concert_id = T3.concert_id WHERE T3.year = 2014",
            sql);
        Assert.Equal(["Justin Brown", "Justin Brown", "Timbaland"], _database.Rows(sql).Order());
    }

    [Fact]
    public void Like_values_are_matched_without_their_percent_signs_which_become_keywords_around_the_value()
    {
        var actions = SqlLinearizer.Linearize(Schema, Values.Values, "SELECT name FROM stadium WHERE name LIKE '%Park%'").Actions!;

        Assert.Equal([SqlKeywords.Action("like"), SqlKeywords.Action("%"), new SqlAction(SqlActionKind.Value, 4), SqlKeywords.Action("%")], actions.Skip(6).Take(4));
        Assert.EndsWith("WHERE name LIKE '%Park%'", SqlRenderer.Render(Values, actions), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELECT name FROM singer WHERE name LIKE 'J%'", "LIKE 'J%'")]
    [InlineData("SELECT name FROM singer WHERE name LIKE '%n'", "LIKE '%n'")]
    public void A_prefix_or_suffix_pattern_keeps_its_one_percent_sign(string gold, string rendered)
    {
        var example = Example(Text("J"), Text("n"));

        var actions = SqlLinearizer.Linearize(Schema, example.Values, gold).Actions!;

        Assert.True(SqlGrammar.Accepts(example, actions, out var reason), reason);
        Assert.EndsWith(rendered, SqlRenderer.Render(example, actions), StringComparison.Ordinal);
        Assert.Equal(_database.Rows(gold), _database.Rows(SqlRenderer.Render(example, actions)));
    }
}
