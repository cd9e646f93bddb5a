namespace Gateway.Sql.Ast;

/// <summary>A whole statement.</summary>
internal abstract record Statement(TextSpan Span) : SqlNode(Span)
{
    public abstract StatementKind Kind { get; }
}

/// <summary>A statement that is a query (SELECT, VALUES, TABLE, a parenthesised or WITH query).</summary>
internal sealed record QueryStatement(TextSpan Span, Query Query) : Statement(Span)
{
    public override StatementKind Kind => StatementKind.Query;

    public override void AppendChildren(List<SqlNode> children) => children.Add(Query);
}

/// <summary>
/// <c>EXPLAIN [ANALYZE] [options] statement</c> (also MySQL <c>DESCRIBE</c>/<c>DESC</c> followed by a statement).
/// <see cref="Analyze"/> is true whenever the statement would be executed (any ANALYZE option, whatever its value).
/// </summary>
internal sealed record ExplainStatement(TextSpan Span, bool Analyze, Statement Target) : Statement(Span)
{
    public override StatementKind Kind => StatementKind.Explain;

    public override void AppendChildren(List<SqlNode> children) => children.Add(Target);
}

/// <summary>A statement recognised by its leading keywords but not parsed further; <see cref="Keywords"/> spans those words.</summary>
internal sealed record UnparsedStatement(TextSpan Span, StatementKind StatementKind, TextSpan Keywords) : Statement(Span)
{
    public override StatementKind Kind => StatementKind;

    public override void AppendChildren(List<SqlNode> children) { }
}
