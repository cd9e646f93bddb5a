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
    private readonly IReadOnlyDictionary<string, DeniedName> _functions = new Dictionary<string, DeniedName>(StringComparer.OrdinalIgnoreCase);
    private readonly IReadOnlyDictionary<string, DeniedName> _relations = new Dictionary<string, DeniedName>(StringComparer.OrdinalIgnoreCase);

    // The wildcard entries, split out when a list is set, so a lookup scans only them (usually none to three).
    private readonly Prefix[] _functionPrefixes = [];
    private readonly Prefix[] _relationPrefixes = [];

    public IReadOnlyDictionary<string, DeniedName> DeniedFunctions
    {
        get => _functions;
        init
        {
            _functions = value;
            _functionPrefixes = Prefixes(value);
        }
    }

    public IReadOnlyDictionary<string, DeniedName> ProtectedRelations
    {
        get => _relations;
        init
        {
            _relations = value;
            _relationPrefixes = Prefixes(value);
        }
    }

    public static DialectRules Empty { get; } = new();

    /// <summary>Finds a denied function by qualified name first, then by its last part.</summary>
    public DeniedName? FindFunction(string? schema, string name) => Find(_functions, _functionPrefixes, schema, name);

    /// <summary>Finds a protected relation by qualified name first, then by its last part.</summary>
    public DeniedName? FindRelation(string? schema, string name) => Find(_relations, _relationPrefixes, schema, name);

    private static DeniedName? Find(IReadOnlyDictionary<string, DeniedName> names, Prefix[] prefixes, string? schema, string name)
    {
        var qualifiedName = schema is null ? null : $"{schema}.{name}";
        if (qualifiedName is not null && names.TryGetValue(qualifiedName, out var qualified))
        {
            return qualified;
        }

        if (names.TryGetValue(name, out var bare))
        {
            return bare;
        }

        foreach (var prefix in prefixes)
        {
            if ((qualifiedName is not null && qualifiedName.StartsWith(prefix.Text, StringComparison.OrdinalIgnoreCase))
                || name.StartsWith(prefix.Text, StringComparison.OrdinalIgnoreCase))
            {
                return prefix.Entry;
            }
        }

        return null;
    }

    private static Prefix[] Prefixes(IReadOnlyDictionary<string, DeniedName> names) =>
        [.. names.Where(pair => pair.Key.Length > 1 && pair.Key[^1] == '*').Select(pair => new Prefix(pair.Key[..^1], pair.Value))];

    private readonly record struct Prefix(string Text, DeniedName Entry);
}
