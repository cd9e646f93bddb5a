using Gateway.Sql.Policy;

namespace Gateway.Sql.Validation;

/// <summary>
/// The output names the executor masks for a policy: the last name part of each masked entry (<c>email</c> for
/// <c>customers.email</c>). Matching by name alone over-masks a same-named column of another table, which is the safe
/// direction; the <c>column.masked</c> rule guarantees a masked column cannot reach the result under another name.
/// </summary>
internal static class MaskedOutputNames
{
    public static IReadOnlyList<string> For(SqlPolicy policy)
    {
        if (policy.MaskedColumns.Count == 0)
        {
            return [];
        }

        var names = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in policy.MaskedColumns)
        {
            names.Add(entry[(entry.LastIndexOf('.') + 1)..]);
        }

        return [.. names];
    }
}
