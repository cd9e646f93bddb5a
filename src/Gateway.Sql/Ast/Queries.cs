namespace Gateway.Sql.Ast;

/// <summary>
/// A complete query: optional WITH, a body (SELECT, set operation, VALUES, ...), then ORDER BY, LIMIT/OFFSET/FETCH,
/// locking clauses and (MySQL) a trailing INTO.
/// </summary>
internal sealed record Query(
    TextSpan Span,
    WithClause? With,
    QueryBody Body,
    IReadOnlyList<OrderByItem> OrderBy,
    LimitClause? Limit,
    IReadOnlyList<LockingClause> Locking,
    IntoClause? Into) : SqlNode(Span)
{
    public override void AppendChildren(List<SqlNode> children)
    {
        Add(children, With);
        children.Add(Body);
        Add(children, OrderBy);
        Add(children, Limit);
        Add(children, Locking);
        Add(children, Into);
    }
}

/// <summary><c>WITH [RECURSIVE] name AS (...), ...</c></summary>
internal sealed record WithClause(TextSpan Span, bool Recursive, IReadOnlyList<CommonTableExpression> Ctes) : SqlNode(Span)
{
    public override void AppendChildren(List<SqlNode> children) => Add(children, Ctes);
}

/// <summary><c>name [(columns)] AS [[NOT] MATERIALIZED] (query)</c></summary>
internal sealed record CommonTableExpression(
    TextSpan Span, Identifier Name, IReadOnlyList<Identifier> Columns, CteMaterialization Materialization, Query Query) : SqlNode(Span)
{
    public override void AppendChildren(List<SqlNode> children)
    {
        children.Add(Name);
        Add(children, Columns);
        children.Add(Query);
    }
}

/// <summary>What a query is made of before ORDER BY/LIMIT.</summary>
internal abstract record QueryBody(TextSpan Span) : SqlNode(Span);

/// <summary>One SELECT ... FROM ... WHERE ... GROUP BY ... HAVING ... WINDOW ...</summary>
internal sealed record SelectBody(
    TextSpan Span,
    SetQuantifier Quantifier,
    IReadOnlyList<Expression> DistinctOn,
    IReadOnlyList<SelectItem> Items,
    IntoClause? Into,
    IReadOnlyList<TableSource> From,
    Expression? Where,
    GroupByClause? GroupBy,
    Expression? Having,
    IReadOnlyList<WindowDefinition> Windows) : QueryBody(Span)
{
    public override void AppendChildren(List<SqlNode> children)
    {
        Add(children, DistinctOn);
        Add(children, Items);
        Add(children, Into);
        Add(children, From);
        Add(children, Where);
        Add(children, GroupBy);
        Add(children, Having);
        Add(children, Windows);
    }
}

/// <summary><c>left UNION|INTERSECT|EXCEPT [ALL|DISTINCT] right</c></summary>
internal sealed record SetOperationBody(TextSpan Span, SetOperator Operator, SetQuantifier Quantifier, QueryBody Left, QueryBody Right) : QueryBody(Span)
{
    public override void AppendChildren(List<SqlNode> children)
    {
        children.Add(Left);
        children.Add(Right);
    }
}

/// <summary><c>VALUES (1, 2), (3, 4)</c> (MySQL: <c>VALUES ROW(1, 2)</c>).</summary>
internal sealed record ValuesBody(TextSpan Span, IReadOnlyList<RowExpression> Rows) : QueryBody(Span)
{
    public override void AppendChildren(List<SqlNode> children) => Add(children, Rows);
}

/// <summary><c>TABLE name</c>: every column of every row.</summary>
internal sealed record TableBody(TextSpan Span, NamedTable Table) : QueryBody(Span)
{
    public override void AppendChildren(List<SqlNode> children) => children.Add(Table);
}

/// <summary>A parenthesised query used as a body: <c>(SELECT ... LIMIT 1) UNION ...</c>.</summary>
internal sealed record NestedQueryBody(TextSpan Span, Query Query) : QueryBody(Span)
{
    public override void AppendChildren(List<SqlNode> children) => children.Add(Query);
}

/// <summary>
/// INSERT/UPDATE/DELETE/MERGE where a query was expected (PostgreSQL writable CTEs, <c>WITH ... DELETE</c>):
/// recognised and skipped, never executed through the gateway.
/// </summary>
internal sealed record DataChangeBody(TextSpan Span, StatementKind Operation, ObjectName? Target) : QueryBody(Span)
{
    public override void AppendChildren(List<SqlNode> children) => Add(children, Target);
}

/// <summary>One item of the select list: an expression (or <c>*</c>, <c>t.*</c>) with an optional alias.</summary>
internal sealed record SelectItem(TextSpan Span, Expression Expression, Identifier? Alias) : SqlNode(Span)
{
    public override void AppendChildren(List<SqlNode> children)
    {
        children.Add(Expression);
        Add(children, Alias);
    }
}

/// <summary>
/// <c>INTO newtable</c> (PostgreSQL creates a table), MySQL <c>INTO OUTFILE 'f'</c>, <c>INTO DUMPFILE 'f'</c>,
/// <c>INTO @a, @b</c>.
/// </summary>
internal sealed record IntoClause(TextSpan Span, IntoKind Kind, ObjectName? Table, Expression? File, IReadOnlyList<Expression> Variables) : SqlNode(Span)
{
    public override void AppendChildren(List<SqlNode> children)
    {
        Add(children, Table);
        Add(children, File);
        Add(children, Variables);
    }
}

/// <summary><c>GROUP BY [ALL|DISTINCT] items [WITH ROLLUP]</c></summary>
internal sealed record GroupByClause(TextSpan Span, SetQuantifier Quantifier, IReadOnlyList<Expression> Items, bool WithRollup) : SqlNode(Span)
{
    public override void AppendChildren(List<SqlNode> children) => Add(children, Items);
}

/// <summary><c>expr [ASC|DESC] [NULLS FIRST|LAST]</c></summary>
internal sealed record OrderByItem(TextSpan Span, Expression Expression, SortDirection Direction, NullsOrder Nulls) : SqlNode(Span)
{
    public override void AppendChildren(List<SqlNode> children) => children.Add(Expression);
}

/// <summary>
/// The row limit: <c>LIMIT count [OFFSET o]</c>, <c>LIMIT o, count</c> (MySQL/SQLite), <c>OFFSET o</c> alone, or
/// <c>[OFFSET o] FETCH FIRST [count] ROWS ONLY|WITH TIES</c>. <see cref="Count"/> is null for <c>LIMIT ALL</c>
/// (<see cref="CountIsAll"/>), for OFFSET alone, and for <c>FETCH FIRST ROW ONLY</c> (one row).
/// </summary>
internal sealed record LimitClause(TextSpan Span, LimitSyntax Syntax, Expression? Count, Expression? Offset, bool CountIsAll, bool WithTies, TextSpan? AllKeyword) : SqlNode(Span)
{
    public override void AppendChildren(List<SqlNode> children)
    {
        if (Syntax == LimitSyntax.LimitCommaOffset)
        {
            Add(children, Offset);
            Add(children, Count);
        }
        else
        {
            Add(children, Count);
            Add(children, Offset);
        }
    }
}

/// <summary><c>FOR UPDATE|NO KEY UPDATE|SHARE|KEY SHARE [OF t] [NOWAIT|SKIP LOCKED]</c>, MySQL <c>LOCK IN SHARE MODE</c>.</summary>
internal sealed record LockingClause(TextSpan Span, LockStrength Strength, IReadOnlyList<ObjectName> Of, LockWait Wait) : SqlNode(Span)
{
    public override void AppendChildren(List<SqlNode> children) => Add(children, Of);
}

/// <summary><c>WINDOW name AS (spec)</c></summary>
internal sealed record WindowDefinition(TextSpan Span, Identifier Name, WindowSpec Spec) : SqlNode(Span)
{
    public override void AppendChildren(List<SqlNode> children)
    {
        children.Add(Name);
        children.Add(Spec);
    }
}

/// <summary><c>([base] [PARTITION BY ...] [ORDER BY ...] [frame])</c></summary>
internal sealed record WindowSpec(
    TextSpan Span, Identifier? BaseWindow, IReadOnlyList<Expression> PartitionBy, IReadOnlyList<OrderByItem> OrderBy, WindowFrame? Frame) : SqlNode(Span)
{
    public override void AppendChildren(List<SqlNode> children)
    {
        Add(children, BaseWindow);
        Add(children, PartitionBy);
        Add(children, OrderBy);
        Add(children, Frame);
    }
}

/// <summary><c>ROWS|RANGE|GROUPS start</c> or <c>... BETWEEN start AND end</c>, with an optional EXCLUDE.</summary>
internal sealed record WindowFrame(TextSpan Span, FrameUnits Units, FrameBound Start, FrameBound? End, FrameExclusion Exclusion) : SqlNode(Span)
{
    public override void AppendChildren(List<SqlNode> children)
    {
        children.Add(Start);
        Add(children, End);
    }
}

/// <summary><c>UNBOUNDED PRECEDING</c>, <c>n PRECEDING</c>, <c>CURRENT ROW</c>, ...</summary>
internal sealed record FrameBound(TextSpan Span, FrameBoundKind Kind, Expression? Offset) : SqlNode(Span)
{
    public override void AppendChildren(List<SqlNode> children) => Add(children, Offset);
}
