namespace Gateway.Evaluation.Spider.Sql;

// The structure Spider's process_sql.py builds, one record per tuple it uses, so that record equality
// is the tuple equality its evaluator relies on. Enum values keep the order of its operator tuples.

/// <summary>AGG_OPS: ('none', 'max', 'min', 'count', 'sum', 'avg').</summary>
internal enum AggOp
{
    None,
    Max,
    Min,
    Count,
    Sum,
    Avg,
}

/// <summary>UNIT_OPS: ('none', '-', '+', '*', '/').</summary>
internal enum UnitOp
{
    None,
    Minus,
    Plus,
    Times,
    Divide,
}

/// <summary>WHERE_OPS: ('not', 'between', '=', '>', '<', '>=', '<=', '!=', 'in', 'like', 'is', 'exists').</summary>
internal enum WhereOp
{
    Not,
    Between,
    Eq,
    Gt,
    Lt,
    Ge,
    Le,
    Ne,
    In,
    Like,
    Is,
    Exists,
}

/// <summary>col_unit: (agg_id, col_id, isDistinct); <c>Distinct</c> is null once distinct is disabled for matching.</summary>
internal sealed record ColUnit(AggOp Agg, string ColumnId, bool? Distinct);

/// <summary>val_unit: (unit_op, col_unit1, col_unit2).</summary>
internal sealed record ValUnit(UnitOp Op, ColUnit Left, ColUnit? Right);

/// <summary>A condition value: a number, a quoted string, a nested query or a column.</summary>
internal abstract record SqlValue;

internal sealed record NumberValue(double Value) : SqlValue;

/// <summary>A string literal as the tokenizer kept it, double quotes included.</summary>
internal sealed record TextValue(string Text) : SqlValue;

internal sealed record NestedQueryValue(SpiderSql Query) : SqlValue;

internal sealed record ColumnValue(ColUnit Column) : SqlValue;

/// <summary>One element of a condition list: a cond_unit or an 'and'/'or' connector.</summary>
internal abstract record ConditionElement;

/// <summary>cond_unit: (not_op, op_id, val_unit, val1, val2).</summary>
internal sealed record CondUnit(bool Not, WhereOp Op, ValUnit Value, SqlValue? Value1, SqlValue? Value2) : ConditionElement;

/// <summary>'and' or 'or' between two cond_units.</summary>
internal sealed record Connector(string Word) : ConditionElement
{
    public static Connector And { get; } = new("and");
}

/// <summary>One select item: (agg_id, val_unit).</summary>
internal sealed record SelectItem(AggOp Agg, ValUnit Value);

/// <summary>'select': (isDistinct, [items]).</summary>
internal sealed record SelectClause(bool? Distinct, ValueList<SelectItem> Items);

/// <summary>table_unit: ('table_unit', '__name__') or ('sql', nested query).</summary>
internal sealed record TableUnit(string? TableId, SpiderSql? Query)
{
    public bool IsQuery => Query is not null;
}

/// <summary>'from': {'table_units', 'conds'}.</summary>
internal sealed record FromClause(ValueList<TableUnit> TableUnits, ValueList<ConditionElement> Conditions);

/// <summary>'orderBy': (direction, [val_units]); one direction for the whole clause, the last one written.</summary>
internal sealed record OrderByClause(string Direction, ValueList<ValUnit> Items);

/// <summary>The parsed query: Spider's sql dict.</summary>
internal sealed record SpiderSql(
    SelectClause Select,
    FromClause From,
    ValueList<ConditionElement> Where,
    ValueList<ColUnit> GroupBy,
    ValueList<ConditionElement> Having,
    OrderByClause? OrderBy,
    long? Limit,
    SpiderSql? Intersect,
    SpiderSql? Except,
    SpiderSql? Union)
{
    /// <summary>What the evaluator scores a prediction that does not parse as: an empty query.</summary>
    public static SpiderSql Empty { get; } = new(
        new SelectClause(false, ValueList<SelectItem>.Empty),
        new FromClause(ValueList<TableUnit>.Empty, ValueList<ConditionElement>.Empty),
        ValueList<ConditionElement>.Empty,
        ValueList<ColUnit>.Empty,
        ValueList<ConditionElement>.Empty,
        null,
        null,
        null,
        null,
        null);
}
