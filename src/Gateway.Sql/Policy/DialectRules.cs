namespace Gateway.Sql.Policy;

/// <summary>An entry in a deny list: a function or relation name, its category, and why it is denied.</summary>
public sealed record DeniedName(string Name, string Category, string Reason);

/// <summary>
/// One dialect's deny lists. Function names are matched by their unqualified name and by their qualified name
/// (<c>pg_catalog.pg_sleep</c>); relations (credential catalogs) likewise (<c>mysql.user</c>, <c>pg_authid</c>).
/// An entry whose name ends in <c>*</c> matches every name with that prefix (<c>lo_*</c>, <c>xp_*</c>).
/// </summary>
public sealed record DialectRules
{
    public IReadOnlyDictionary<string, DeniedName> DeniedFunctions { get; init; } =
        new Dictionary<string, DeniedName>(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyDictionary<string, DeniedName> ProtectedRelations { get; init; } =
        new Dictionary<string, DeniedName>(StringComparer.OrdinalIgnoreCase);

    public static DialectRules Empty { get; } = new();

    /// <summary>Finds a denied function by qualified name first, then by its last part.</summary>
    public DeniedName? FindFunction(string? schema, string name) => Find(DeniedFunctions, schema, name);

    /// <summary>Finds a protected relation by qualified name first, then by its last part.</summary>
    public DeniedName? FindRelation(string? schema, string name) => Find(ProtectedRelations, schema, name);

    private static DeniedName? Find(IReadOnlyDictionary<string, DeniedName> names, string? schema, string name)
    {
        if (schema is not null && names.TryGetValue($"{schema}.{name}", out var qualified))
        {
            return qualified;
        }

        if (names.TryGetValue(name, out var bare))
        {
            return bare;
        }

        return FindPrefix(names, schema is null ? null : $"{schema}.{name}") ?? FindPrefix(names, name);
    }

    /// <summary>Deny lists hold a few dozen entries, so a scan for the rare wildcard is cheaper than an index.</summary>
    private static DeniedName? FindPrefix(IReadOnlyDictionary<string, DeniedName> names, string? name)
    {
        if (name is null)
        {
            return null;
        }

        foreach (var (key, entry) in names)
        {
            if (key.Length > 1 && key[^1] == '*' && name.StartsWith(key.AsSpan(0, key.Length - 1), StringComparison.OrdinalIgnoreCase))
            {
                return entry;
            }
        }

        return null;
    }
}
