using Gateway.Execution.Providers;
using Microsoft.Data.Sqlite;

namespace Gateway.Execution.Sources;

/// <summary>
/// The database file behind a SQLite source, for readers that open the file themselves (the pointer model reads cell
/// values from it). Null for other engines, in-memory databases and a spec whose file does not exist.
/// </summary>
public static class SqliteSourceFile
{
    public static string? PathOf(SourceDescriptor source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Provider != SourceProvider.Sqlite)
        {
            return null;
        }

        var connection = SourceConnectors.For(source.Provider).NormalizeConnectionString(source.ConnectionString);
        var dataSource = new SqliteConnectionStringBuilder(connection).DataSource;
        if (string.IsNullOrWhiteSpace(dataSource) || dataSource.Equals(":memory:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var path = Path.GetFullPath(dataSource);
        return File.Exists(path) ? path : null;
    }
}
