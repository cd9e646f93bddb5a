using Gateway.Sql.Dialects;

namespace Gateway.Sql.Policy;

/// <summary>
/// What a principal may read through the gateway. Loaded from <c>policies/*.yaml|json</c>; names are matched
/// case-insensitively. An empty <see cref="AllowedTables"/> means every table not denied.
/// </summary>
public sealed record SqlPolicy
{
    /// <summary>Row cap enforced by rewriting the query (LIMIT / TOP / FETCH). Null: no cap.</summary>
    public int? MaxRows { get; init; } = 1000;

    /// <summary>Tables the query may read; empty means all that are not denied. Entries are <c>table</c> or <c>schema.table</c>.</summary>
    public IReadOnlySet<string> AllowedTables { get; init; } = EmptySet;

    /// <summary>Tables the query may never read.</summary>
    public IReadOnlySet<string> DeniedTables { get; init; } = EmptySet;

    /// <summary>Columns the query may never reference: <c>column</c> (any table) or <c>table.column</c>.</summary>
    public IReadOnlySet<string> DeniedColumns { get; init; } = EmptySet;

    /// <summary>Result columns whose values are masked before they leave the gateway.</summary>
    public IReadOnlySet<string> MaskedColumns { get; init; } = EmptySet;

    /// <summary>Functions denied in every dialect, on top of each dialect's built-in list.</summary>
    public IReadOnlySet<string> DeniedFunctions { get; init; } = EmptySet;

    /// <summary>Per-dialect lists of side-effecting functions and credential catalogs (data under <c>policies/dialects/</c>).</summary>
    public IReadOnlyDictionary<SqlDialectKind, DialectRules> Dialects { get; init; } = new Dictionary<SqlDialectKind, DialectRules>();

    public DialectRules For(SqlDialectKind dialect) =>
        Dialects.TryGetValue(dialect, out var rules) ? rules : DialectRules.Empty;

    private static readonly IReadOnlySet<string> EmptySet = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
}
