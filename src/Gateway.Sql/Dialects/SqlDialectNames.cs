using System.Diagnostics.CodeAnalysis;

namespace Gateway.Sql.Dialects;

/// <summary>Maps the names users type (<c>postgres</c>, <c>mysql</c>, ...) to <see cref="SqlDialectKind"/>.</summary>
public static class SqlDialectNames
{
    private static readonly Dictionary<string, SqlDialectKind> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["postgres"] = SqlDialectKind.Postgres,
        ["postgresql"] = SqlDialectKind.Postgres,
        ["pg"] = SqlDialectKind.Postgres,
        ["mysql"] = SqlDialectKind.MySql,
        ["mariadb"] = SqlDialectKind.MySql,
        ["sqlserver"] = SqlDialectKind.SqlServer,
        ["mssql"] = SqlDialectKind.SqlServer,
        ["tsql"] = SqlDialectKind.SqlServer,
        ["sqlite"] = SqlDialectKind.Sqlite,
    };

    /// <summary>The canonical names, as the command line and the API accept them.</summary>
    public static IReadOnlyList<string> Canonical { get; } = ["postgres", "mysql", "sqlserver", "sqlite"];

    public static bool TryParse(string? name, [NotNullWhen(true)] out SqlDialectKind? kind)
    {
        if (name is not null && Names.TryGetValue(name.Trim(), out var found))
        {
            kind = found;
            return true;
        }

        kind = null;
        return false;
    }

    public static string ToName(this SqlDialectKind kind) => kind switch
    {
        SqlDialectKind.Postgres => "postgres",
        SqlDialectKind.MySql => "mysql",
        SqlDialectKind.SqlServer => "sqlserver",
        SqlDialectKind.Sqlite => "sqlite",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
