using System.Diagnostics.CodeAnalysis;

namespace Gateway.Execution.Sources;

/// <summary>Maps the provider names users type in a source spec to <see cref="SourceProvider"/>.</summary>
public static class SourceProviderNames
{
    private static readonly Dictionary<string, SourceProvider> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sqlite"] = SourceProvider.Sqlite,
        ["postgres"] = SourceProvider.Postgres,
        ["postgresql"] = SourceProvider.Postgres,
        ["pg"] = SourceProvider.Postgres,
        ["mysql"] = SourceProvider.MySql,
        ["mariadb"] = SourceProvider.MySql,
        ["sqlserver"] = SourceProvider.SqlServer,
        ["mssql"] = SourceProvider.SqlServer,
    };

    /// <summary>The canonical names, in the order help text lists them.</summary>
    public static IReadOnlyList<string> Canonical { get; } = ["sqlite", "postgres", "mysql", "sqlserver"];

    public static bool TryParse(string? name, [NotNullWhen(true)] out SourceProvider? provider)
    {
        if (name is not null && Names.TryGetValue(name.Trim(), out var found))
        {
            provider = found;
            return true;
        }

        provider = null;
        return false;
    }

    public static string ToName(this SourceProvider provider) => provider switch
    {
        SourceProvider.Sqlite => "sqlite",
        SourceProvider.Postgres => "postgres",
        SourceProvider.MySql => "mysql",
        SourceProvider.SqlServer => "sqlserver",
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };
}
