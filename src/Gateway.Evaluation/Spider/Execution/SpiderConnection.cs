using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Gateway.Evaluation.Spider.Execution;

/// <summary>Opens a Spider database read-only, configured like the Python <c>sqlite3</c> module Spider's gold was written against.</summary>
internal static class SpiderConnection
{
    public static async Task<SqliteConnection> OpenReadOnlyAsync(string path, CancellationToken cancellationToken)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

            // The bundled SQLite is built without double-quoted string literals; Spider's gold uses them ("JetBlue Airways").
            _ = raw.sqlite3_db_config(connection.Handle, raw.SQLITE_DBCONFIG_DQS_DML, 1, out int _);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
