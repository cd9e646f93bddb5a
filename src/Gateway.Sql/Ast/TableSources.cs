namespace Gateway.Sql.Ast;

/// <summary>Something in FROM that yields rows.</summary>
internal abstract record TableSource(TextSpan Span) : SqlNode(Span);

/// <summary><c>AS alias [(c1, c2)]</c></summary>
internal sealed record TableAlias(TextSpan Span, Identifier Name, IReadOnlyList<Identifier> Columns) : SqlNode(Span)
{
    public override void AppendChildren(List<SqlNode> children)
    {
        children.Add(Name);
        Add(children, Columns);
    }
}

/// <summary>A table, view or CTE by name: <c>[ONLY] s.t [AS a]</c>.</summary>
internal sealed record NamedTable(TextSpan Span, ObjectName Name, TableAlias? Alias) : TableSource(Span)
{
    public override void AppendChildren(List<SqlNode> children)
    {
        children.Add(Name);
        Add(children, Alias);
    }
}

/// <summary>A set-returning function in FROM: <c>generate_series(1, 3) [WITH ORDINALITY] AS g(n)</c>.</summary>
internal sealed record FunctionTable(TextSpan Span, FunctionCall Function, TableAlias? Alias, bool Lateral, bool WithOrdinality) : TableSource(Span)
{
    public override void AppendChildren(List<SqlNode> children)
    {
        children.Add(Function);
        Add(children, Alias);
    }
}

/// <summary>A subquery in FROM: <c>[LATERAL] (query) [AS] alias [(columns)]</c>.</summary>
internal sealed record DerivedTable(TextSpan Span, Query Query, TableAlias? Alias, bool Lateral) : TableSource(Span)
{
    public override void AppendChildren(List<SqlNode> children)
    {
        children.Add(Query);
        Add(children, Alias);
    }
}

/// <summary><c>left [NATURAL] kind JOIN right [ON cond | USING (cols)]</c>.</summary>
internal sealed record JoinedTable(
    TextSpan Span, JoinKind Kind, bool Natural, TableSource Left, TableSource Right, Expression? On, IReadOnlyList<Identifier> Using) : TableSource(Span)
{
    public override void AppendChildren(List<SqlNode> children)
    {
        children.Add(Left);
        children.Add(Right);
        Add(children, On);
        Add(children, Using);
    }
}

/// <summary>A parenthesised join: <c>(a JOIN b ON ...)</c>.</summary>
internal sealed record ParenthesizedTable(TextSpan Span, TableSource Inner, TableAlias? Alias) : TableSource(Span)
{
    public override void AppendChildren(List<SqlNode> children)
    {
        children.Add(Inner);
        Add(children, Alias);
    }
}
