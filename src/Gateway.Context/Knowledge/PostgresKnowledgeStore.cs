using System.Data.Common;
using Npgsql;

namespace Gateway.Context.Knowledge;

/// <summary>
/// The knowledge store in PostgreSQL (table <c>gateway_knowledge</c>, created on first use), for gateways that
/// share one metadata database. Same contract as <see cref="SqliteKnowledgeStore"/>.
/// </summary>
public sealed class PostgresKnowledgeStore : IKnowledgeStore, IAsyncDisposable, IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS gateway_knowledge (
            id text PRIMARY KEY,
            source text NOT NULL,
            kind text NOT NULL,
            content text,
            question text,
            sql text,
            author text NOT NULL,
            created timestamptz NOT NULL,
            audit_id bigint,
            embedding_model text,
            embedding bytea
        );
        CREATE INDEX IF NOT EXISTS gateway_knowledge_by_source ON gateway_knowledge (lower(source), created);
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly SemaphoreSlim _initLock = new(1, 1);
    private volatile bool _initialized;

    public PostgresKnowledgeStore(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _dataSource = NpgsqlDataSource.Create(connectionString);
    }

    public async Task AddAsync(KnowledgeItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        await using var command = await CommandAsync(
            $"INSERT INTO gateway_knowledge ({KnowledgeRows.Columns}) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10)", cancellationToken).ConfigureAwait(false);
        KnowledgeRows.Bind(command, item, Parameter);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<KnowledgeItem>> ListAsync(string source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        await using var command = await CommandAsync(
            $"SELECT {KnowledgeRows.Columns} FROM gateway_knowledge WHERE lower(source) = lower(@source) ORDER BY created, id", cancellationToken).ConfigureAwait(false);
        command.Parameters.AddWithValue("source", source);
        return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<KnowledgeItem?> GetAsync(string source, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(id);
        await using var command = await CommandAsync(
            $"SELECT {KnowledgeRows.Columns} FROM gateway_knowledge WHERE id = @id AND lower(source) = lower(@source)", cancellationToken).ConfigureAwait(false);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("source", source);
        var items = await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
        return items.Count == 0 ? null : items[0];
    }

    public async Task<bool> DeleteAsync(string source, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(id);
        await using var command = await CommandAsync("DELETE FROM gateway_knowledge WHERE id = @id AND lower(source) = lower(@source)", cancellationToken).ConfigureAwait(false);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("source", source);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        _initLock.Dispose();
    }

    public void Dispose()
    {
        _dataSource.Dispose();
        _initLock.Dispose();
    }

    private static DbParameter Parameter(DbCommand command, string name, object? value) => new NpgsqlParameter(name, value);

    private static async Task<IReadOnlyList<KnowledgeItem>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var items = new List<KnowledgeItem>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(KnowledgeRows.Read(reader));
        }

        return items;
    }

    private async Task<NpgsqlCommand> CommandAsync(string sql, CancellationToken cancellationToken)
    {
        if (!_initialized)
        {
            await InitializeAsync(cancellationToken).ConfigureAwait(false);
        }

        return _dataSource.CreateCommand(sql);
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _initLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_initialized)
            {
                await using var command = _dataSource.CreateCommand(Schema);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                _initialized = true;
            }
        }
        finally
        {
            _initLock.Release();
        }
    }
}
