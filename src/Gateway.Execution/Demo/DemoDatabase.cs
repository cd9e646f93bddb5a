using System.Globalization;
using Gateway.Execution.Sources;
using Microsoft.Data.Sqlite;

namespace Gateway.Execution.Demo;

/// <summary>
/// The built-in <c>demo</c> source: a SQLite file in the data directory, generated on first use. It is built in a
/// temporary file and renamed into place, so a crash never leaves half a database behind; a file written by
/// another <see cref="DemoSchema.Version"/> is rebuilt.
/// </summary>
public static class DemoDatabase
{
    public const string SourceName = "demo";
    public const string FileName = "demo.db";

    public static SourceDescriptor Source(string path) => new()
    {
        Name = SourceName,
        Provider = SourceProvider.Sqlite,
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = path }.ConnectionString,
    };

    /// <summary>
    /// Returns the demo source, creating <c>demo.db</c> in <paramref name="dataDirectory"/> if needed; a directory
    /// that cannot hold it is an <see cref="ExecutionException"/> with <see cref="ExecutionErrorCode.Unavailable"/>.
    /// </summary>
    public static async Task<SourceDescriptor> EnsureAsync(string dataDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        try
        {
            return await CreateIfMissingAsync(dataDirectory, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SqliteException)
        {
            throw new ExecutionException(ExecutionErrorCode.Unavailable, $"Source '{SourceName}' is unavailable: the demo database could not be created in {dataDirectory}: {ex.Message}", ex);
        }
    }

    private static async Task<SourceDescriptor> CreateIfMissingAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, FileName);
        if (File.Exists(path) && await ReadVersionAsync(path, cancellationToken).ConfigureAwait(false) == DemoSchema.Version)
        {
            return Source(path);
        }

        var temporary = Path.Combine(dataDirectory, $"{FileName}.{Guid.NewGuid():N}.tmp");
        try
        {
            await BuildAsync(temporary, cancellationToken).ConfigureAwait(false);
            // Atomic on one file system; a concurrent builder's identical file may be replaced, which is harmless.
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        return Source(path);
    }

    internal static async Task BuildAsync(string path, CancellationToken cancellationToken)
    {
        var data = new DemoGenerator().Generate();
        // No pooling: the file must be closed before it is renamed.
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false };
        var connection = new SqliteConnection(builder.ConnectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF", cancellationToken).ConfigureAwait(false);
            await DemoLoader.LoadAsync(connection, SourceProvider.Sqlite, data, cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, $"PRAGMA user_version = {DemoSchema.Version.ToString(CultureInfo.InvariantCulture)}", cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<long> ReadVersionAsync(string path, CancellationToken cancellationToken)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        var connection = new SqliteConnection(builder.ConnectionString);
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                var command = connection.CreateCommand();
                await using (command.ConfigureAwait(false))
                {
                    command.CommandText = "PRAGMA user_version";
                    return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
                }
            }
            catch (SqliteException)
            {
                return -1;
            }
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
