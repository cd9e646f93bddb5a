using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Gateway.Context.Knowledge;

/// <summary>
/// The knowledge store in one SQLite file (<c>&lt;data-dir&gt;/knowledge.db</c> by default), created on first
/// use, in WAL mode so retrieval never waits on a writer.
/// </summary>
public sealed class SqliteKnowledgeStore : IKnowledgeStore, IDisposable
{
    public const string FileName = "knowledge.db";

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS knowledge (
            id TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            kind TEXT NOT NULL,
            content TEXT,
            question TEXT,
            sql TEXT,
            author TEXT NOT NULL,
            created TEXT NOT NULL,
            audit_id INTEGER,
            embedding_model TEXT,
            embedding BLOB
        );
        CREATE INDEX IF NOT EXISTS knowledge_by_source ON knowledge (lower(source), created);
        """;

    private readonly string _connectionString;
    private readonly SemaphoreSlim _initLock = new(1, 1);
    private volatile bool _initialized;

    public SqliteKnowledgeStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string Path { get; }

    public async Task AddAsync(KnowledgeItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO knowledge ({KnowledgeRows.Columns}) VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8, $p9, $p10)";
        KnowledgeRows.Bind(command, item, Parameter);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<KnowledgeItem>> ListAsync(string source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {KnowledgeRows.Columns} FROM knowledge WHERE lower(source) = lower($source) ORDER BY created, rowid";
        command.Parameters.AddWithValue("$source", source);
        return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<KnowledgeItem?> GetAsync(string source, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(id);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {KnowledgeRows.Columns} FROM knowledge WHERE id = $id AND lower(source) = lower($source)";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$source", source);
        var items = await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
        return items.Count == 0 ? null : items[0];
    }

    public async Task<bool> DeleteAsync(string source, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(id);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM knowledge WHERE id = $id AND lower(source) = lower($source)";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$source", source);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    public void Dispose() => _initLock.Dispose();

    private static DbParameter Parameter(DbCommand command, string name, object? value) =>
        new SqliteParameter("$" + name, value);

    private static async Task<IReadOnlyList<KnowledgeItem>> ReadAllAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var items = new List<KnowledgeItem>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(KnowledgeRows.Read(reader));
        }

        return items;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_initialized)
        {
            await InitializeAsync(cancellationToken).ConfigureAwait(false);
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _initLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_initialized)
            {
                return;
            }

            var directory = System.IO.Path.GetDirectoryName(Path);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            await using var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            // journal_mode is kept in the file, so setting it once covers every later connection.
            command.CommandText = "PRAGMA journal_mode=WAL;\n" + Schema;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            _initialized = true;
        }
        finally
        {
            _initLock.Release();
        }
    }
}
