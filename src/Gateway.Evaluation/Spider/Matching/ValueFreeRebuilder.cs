using Gateway.Evaluation.Spider.Sql;

namespace Gateway.Evaluation.Spider.Matching;

/// <summary>
/// Spider's <c>rebuild_sql_val</c> then <c>rebuild_sql_col</c>: literal values are dropped (nested queries stay),
/// DISTINCT is dropped, and columns of the query's own tables are replaced by their foreign-key representative.
/// Like the original, it does not rewrite columns inside nested condition queries or FROM subqueries.
/// </summary>
internal static class ValueFreeRebuilder
{
    public static SpiderSql Rebuild(SpiderSql sql, SpiderNameSchema schema, ForeignKeyMap keys)
    {
        var valid = ValidColumnIds(sql.From.TableUnits, schema);
        return RebuildColumns(RebuildValues(sql), valid, keys);
    }

    /// <summary>build_valid_col_units: the column ids of the tables named directly in FROM.</summary>
    private static HashSet<string> ValidColumnIds(IEnumerable<TableUnit> tableUnits, SpiderNameSchema schema)
    {
        var prefixes = tableUnits.Where(t => t.TableId is not null).Select(t => t.TableId![..^2]).ToHashSet(StringComparer.Ordinal);
        return schema.Ids
            .Where(id => id.Contains('.', StringComparison.Ordinal) && prefixes.Contains(id[..id.IndexOf('.', StringComparison.Ordinal)]))
            .ToHashSet(StringComparer.Ordinal);
    }

    private static SpiderSql RebuildValues(SpiderSql sql) => sql with
    {
        From = sql.From with { Conditions = RebuildValues(sql.From.Conditions) },
        Having = RebuildValues(sql.Having),
        Where = RebuildValues(sql.Where),
        Intersect = sql.Intersect is null ? null : RebuildValues(sql.Intersect),
        Except = sql.Except is null ? null : RebuildValues(sql.Except),
        Union = sql.Union is null ? null : RebuildValues(sql.Union),
    };

    private static ValueList<ConditionElement> RebuildValues(ValueList<ConditionElement> conditions) =>
        ValueList.From(conditions.Select((element, i) => i % 2 == 0 && element is CondUnit unit
            ? unit with { Value1 = KeepQuery(unit.Value1), Value2 = KeepQuery(unit.Value2) }
            : element));

    private static NestedQueryValue? KeepQuery(SqlValue? value) =>
        value is NestedQueryValue nested ? new NestedQueryValue(RebuildValues(nested.Query)) : null;

    private static SpiderSql RebuildColumns(SpiderSql sql, HashSet<string> valid, ForeignKeyMap keys) => sql with
    {
        Select = new SelectClause(null, ValueList.From(sql.Select.Items.Select(item => item with { Value = Column(item.Value, valid, keys) }))),
        From = sql.From with { Conditions = RebuildColumns(sql.From.Conditions, valid, keys) },
        Where = RebuildColumns(sql.Where, valid, keys),
        GroupBy = ValueList.From(sql.GroupBy.Select(c => Column(c, valid, keys))),
        OrderBy = sql.OrderBy is null ? null : sql.OrderBy with { Items = ValueList.From(sql.OrderBy.Items.Select(v => Column(v, valid, keys))) },
        Having = RebuildColumns(sql.Having, valid, keys),
        Intersect = sql.Intersect is null ? null : RebuildColumns(sql.Intersect, valid, keys),
        Except = sql.Except is null ? null : RebuildColumns(sql.Except, valid, keys),
        Union = sql.Union is null ? null : RebuildColumns(sql.Union, valid, keys),
    };

    private static ValueList<ConditionElement> RebuildColumns(ValueList<ConditionElement> conditions, HashSet<string> valid, ForeignKeyMap keys) =>
        ValueList.From(conditions.Select((element, i) => i % 2 == 0 && element is CondUnit unit
            ? unit with { Value = Column(unit.Value, valid, keys) }
            : element));

    private static ValUnit Column(ValUnit value, HashSet<string> valid, ForeignKeyMap keys) =>
        new(value.Op, Column(value.Left, valid, keys), value.Right is null ? null : Column(value.Right, valid, keys));

    private static ColUnit Column(ColUnit column, HashSet<string> valid, ForeignKeyMap keys)
    {
        var id = valid.Contains(column.ColumnId) && keys.TryMap(column.ColumnId, out var mapped) ? mapped : column.ColumnId;
        return new ColUnit(column.Agg, id, null);
    }
}
