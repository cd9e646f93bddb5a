namespace Gateway.Sql.Ast;

/// <summary>
/// Visits every node under a root, parents before children, in source order. It keeps its own stack, so a tree of
/// any depth (a 100,000-term <c>a + b + ...</c>) cannot overflow the call stack.
/// </summary>
internal static class SqlWalker
{
    /// <summary>Calls <paramref name="visit"/> for <paramref name="root"/> and every descendant; returning false skips that node's children.</summary>
    public static void Walk(SqlNode root, Func<SqlNode, bool> visit)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(visit);
        var stack = new Stack<SqlNode>();
        var children = new List<SqlNode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (!visit(node))
            {
                continue;
            }

            children.Clear();
            node.AppendChildren(children);
            for (var i = children.Count - 1; i >= 0; i--)
            {
                stack.Push(children[i]);
            }
        }
    }

    /// <summary>Every node under <paramref name="root"/> (itself included), parents first.</summary>
    public static IReadOnlyList<SqlNode> Descendants(SqlNode root)
    {
        var all = new List<SqlNode>();
        Walk(root, node =>
        {
            all.Add(node);
            return true;
        });
        return all;
    }

    /// <summary>Every node of type <typeparamref name="T"/> under <paramref name="root"/>.</summary>
    public static IReadOnlyList<T> OfType<T>(SqlNode root) where T : SqlNode
    {
        var found = new List<T>();
        Walk(root, node =>
        {
            if (node is T match)
            {
                found.Add(match);
            }

            return true;
        });
        return found;
    }
}
