using System.Collections.Frozen;

namespace Gateway.Sql.Dialects;

/// <summary>The immutable registry of dialects the gateway's own front end reads, keyed by <see cref="SqlDialectKind"/>.</summary>
internal static class SqlDialects
{
    public static SqlDialect Postgres { get; } = new PostgresDialect();

    public static SqlDialect MySql { get; } = new MySqlDialect();

    public static SqlDialect Sqlite { get; } = new SqliteDialect();

    private static readonly FrozenDictionary<SqlDialectKind, SqlDialect> All = new Dictionary<SqlDialectKind, SqlDialect>
    {
        [SqlDialectKind.Postgres] = Postgres,
        [SqlDialectKind.MySql] = MySql,
        [SqlDialectKind.Sqlite] = Sqlite,
    }.ToFrozenDictionary();

    /// <summary>The dialect for <paramref name="kind"/>, or false for dialects parsed elsewhere (T-SQL).</summary>
    public static bool TryGet(SqlDialectKind kind, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SqlDialect? dialect) =>
        All.TryGetValue(kind, out dialect);

    /// <summary>The dialect for <paramref name="kind"/>; throws for a dialect this front end does not read.</summary>
    public static SqlDialect Get(SqlDialectKind kind) =>
        TryGet(kind, out var dialect) ? dialect : throw new ArgumentOutOfRangeException(nameof(kind), kind, "Parsed by another front end.");
}
