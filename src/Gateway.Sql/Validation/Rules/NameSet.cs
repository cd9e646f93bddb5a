namespace Gateway.Sql.Validation.Rules;

/// <summary>Helpers for the policy's name sets, which are matched case-insensitively whatever set type they arrive in.</summary>
internal static class NameSet
{
    /// <summary><paramref name="names"/> itself when it already ignores case, else a case-insensitive copy.</summary>
    public static IReadOnlySet<string> IgnoringCase(IReadOnlySet<string> names) =>
        names.Count == 0 || (names is HashSet<string> hash && ReferenceEquals(hash.Comparer, StringComparer.OrdinalIgnoreCase))
            ? names
            : new HashSet<string>(names, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// True when a table <c>[schema.]table</c> matches an entry <c>table</c> or <c>schema.table</c>. An unqualified
    /// reference matches a qualified entry when <paramref name="assumeSchema"/> names that schema, or when
    /// <paramref name="anySchema"/> is set (deny lists: an unqualified name might resolve to any schema).
    /// </summary>
    public static string? Match(IReadOnlySet<string> names, string? schema, string table, string? assumeSchema, bool anySchema)
    {
        if (names.Contains(table))
        {
            return table;
        }

        if (schema is not null)
        {
            var qualified = $"{schema}.{table}";
            return names.Contains(qualified) ? qualified : null;
        }

        if (assumeSchema is not null && names.Contains($"{assumeSchema}.{table}"))
        {
            return $"{assumeSchema}.{table}";
        }

        if (anySchema)
        {
            foreach (var entry in names)
            {
                if (entry.Length > table.Length + 1
                    && entry.EndsWith(table, StringComparison.OrdinalIgnoreCase)
                    && entry[entry.Length - table.Length - 1] == '.')
                {
                    return entry;
                }
            }
        }

        return null;
    }
}
