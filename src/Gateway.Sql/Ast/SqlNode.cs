namespace Gateway.Sql.Ast;

/// <summary>A range of the original SQL text: 0-based start offset and length.</summary>
internal readonly record struct TextSpan(int Start, int Length)
{
    public int End => Start + Length;

    public static TextSpan FromBounds(int start, int end) => new(start, end - start);
}

/// <summary>
/// The root of the typed AST: one sealed record per node type, grouped under category bases
/// (<see cref="Statement"/>, <see cref="QueryBody"/>, <see cref="TableSource"/>, <see cref="Expression"/>).
/// Every node knows the text it came from (<see cref="Span"/>) and lists its children in source order.
/// </summary>
internal abstract record SqlNode(TextSpan Span)
{
    /// <summary>Appends this node's direct children, in source order, to <paramref name="children"/>.</summary>
    public abstract void AppendChildren(List<SqlNode> children);

    /// <summary>This node's direct children, in source order.</summary>
    public IReadOnlyList<SqlNode> Children()
    {
        var children = new List<SqlNode>();
        AppendChildren(children);
        return children;
    }

    /// <summary>This node's text in <paramref name="sql"/>.</summary>
    public string TextIn(string sql) => sql.Substring(Span.Start, Span.Length);

    protected static void Add(List<SqlNode> children, SqlNode? node)
    {
        if (node is not null)
        {
            children.Add(node);
        }
    }

    protected static void Add(List<SqlNode> children, IReadOnlyList<SqlNode>? nodes)
    {
        if (nodes is null)
        {
            return;
        }

        for (var i = 0; i < nodes.Count; i++)
        {
            children.Add(nodes[i]);
        }
    }
}

/// <summary>A name part: <c>users</c>, <c>"Odd Name"</c>. <see cref="Value"/> is unquoted and unescaped.</summary>
internal sealed record Identifier(TextSpan Span, string Value, bool Quoted) : SqlNode(Span)
{
    public override void AppendChildren(List<SqlNode> children) { }
}

/// <summary>A dotted name: <c>t</c>, <c>s.t</c>, <c>db.s.t</c>.</summary>
internal sealed record ObjectName(TextSpan Span, IReadOnlyList<Identifier> Parts) : SqlNode(Span)
{
    /// <summary>The last part (the object itself).</summary>
    public string Name => Parts[^1].Value;

    /// <summary>The part before the last one, if any (the schema, for a table or function).</summary>
    public string? Qualifier => Parts.Count > 1 ? Parts[^2].Value : null;

    public override void AppendChildren(List<SqlNode> children) => Add(children, Parts);
}
