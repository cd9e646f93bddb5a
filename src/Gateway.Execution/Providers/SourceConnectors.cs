using Gateway.Execution.Providers.MySql;
using Gateway.Execution.Providers.Postgres;
using Gateway.Execution.Providers.Sqlite;
using Gateway.Execution.Providers.SqlServer;
using Gateway.Execution.Sources;

namespace Gateway.Execution.Providers;

/// <summary>The immutable registry of connectors, one per <see cref="SourceProvider"/>; connectors hold no state.</summary>
internal static class SourceConnectors
{
    private static readonly SqliteConnector Sqlite = new();
    private static readonly PostgresConnector Postgres = new();
    private static readonly MySqlSourceConnector MySql = new();
    private static readonly SqlServerConnector SqlServer = new();

    public static SourceConnector For(SourceProvider provider) => provider switch
    {
        SourceProvider.Sqlite => Sqlite,
        SourceProvider.Postgres => Postgres,
        SourceProvider.MySql => MySql,
        SourceProvider.SqlServer => SqlServer,
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };
}
