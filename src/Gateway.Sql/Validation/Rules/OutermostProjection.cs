using Gateway.Sql.Ast;

namespace Gateway.Sql.Validation.Rules;

/// <summary>
/// The select list of a statement's outermost query, the only place a masked column may appear: its plain column
/// items (no alias, or an alias equal to the column's own name) and its stars, or the whole of <c>TABLE t</c>.
/// Their result columns keep the masked column's name, which is what the executor masks by. A set operation, a
/// parenthesised body or VALUES has no such items: the first branch names the columns, so a later branch could
/// return a masked column under another name.
/// </summary>
internal sealed class OutermostProjection
{
    private readonly HashSet<SqlNode> _items = new(ReferenceEqualityComparer.Instance);

    public OutermostProjection(Statement effective)
    {
        if (effective is not QueryStatement { Query: var query })
        {
            return;
        }

        Query = query;
        switch (query.Body)
        {
            case SelectBody select:
                Select = select;
                foreach (var item in select.Items)
                {
                    if (item.Expression is StarExpression
                        || (item.Expression is ColumnReference column
                            && (item.Alias is null || string.Equals(item.Alias.Value, column.Name.Parts[^1].Value, StringComparison.OrdinalIgnoreCase))))
                    {
                        _items.Add(item.Expression);
                    }
                }

                break;
            case TableBody table:
                _items.Add(table);
                break;
        }
    }

    public Query? Query { get; }

    /// <summary>The outermost SELECT, when the outermost body is one.</summary>
    public SelectBody? Select { get; }

    /// <summary>True when <paramref name="node"/> is a plain column item or star of the outermost select list (or its <c>TABLE t</c> body).</summary>
    public bool Permits(SqlNode node) => _items.Contains(node);
}
