using System.Data.Common;
using System.Globalization;
using Gateway.Audit.Storage;
using Gateway.Audit.Trail;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Gateway.Audit.Postgres;

/// <summary>
/// The audit trail in PostgreSQL, shared by every gateway replica pointed at it. Within a process appends are
/// group-committed like the SQLite store's; across processes each batch takes a transaction-scoped advisory lock
/// keyed by the table's oid, then reads the committed tail and chains onto it, so two replicas never fork the chain
/// (the primary key on <c>id</c> would refuse a fork even if the lock were bypassed). The commit is made durable
/// before the callers are answered, whatever the database's <c>synchronous_commit</c> default.
/// </summary>
internal sealed class PostgresAuditStore : IAuditStore, IDisposable, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schema;
    private readonly string _table;
    private readonly TimeProvider _time;
    private readonly AuditGroupCommit _writer;
    private readonly AuditTableReader _reader;
    private readonly SemaphoreSlim _migrateLock = new(1, 1);
    private volatile string? _appendLockSql;

    public PostgresAuditStore(AuditStoreOptions options, TimeProvider time, ILogger<PostgresAuditStore> logger)
    {
        var connection = PostgresAuditConnection.Resolve(options);
        _dataSource = NpgsqlDataSource.Create(connection.ConnectionString);
        _schema = connection.Schema;
        _table = PostgresAuditSchema.QualifiedTable(_schema);
        Location = connection.Location;
        _time = time;
        _writer = new AuditGroupCommit(WriteBatchAsync, Location, logger);
        _reader = new AuditTableReader(OpenAsync, _table);
    }

    public string Location { get; }

    public void Dispose()
    {
        _writer.Dispose();
        _dataSource.Dispose();
        _migrateLock.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync().ConfigureAwait(false);
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        _migrateLock.Dispose();
    }

    public Task<bool> ExistsAsync(CancellationToken cancellationToken = default) =>
        PostgresAuditSchema.TableExistsAsync(_dataSource, _schema, cancellationToken);

    public Task<AuditRecord> AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default) =>
        _writer.AppendAsync(auditEvent, cancellationToken);

    public Task<AuditRecord?> GetAsync(long id, CancellationToken cancellationToken = default) => _reader.GetAsync(id, cancellationToken);

    public Task<AuditPage> QueryAsync(AuditFilter filter, string? cursor, int limit, CancellationToken cancellationToken = default) =>
        _reader.QueryAsync(filter, cursor, limit, cancellationToken);

    public IAsyncEnumerable<AuditRecord> ReadAsync(AuditFilter filter, CancellationToken cancellationToken = default) =>
        _reader.ReadAsync(filter, cancellationToken);

    public Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default) => _reader.VerifyAsync(cancellationToken);

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        return await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<AuditRecord[]> WriteBatchAsync(IReadOnlyList<AuditEvent> events)
    {
        await using var connection = await OpenAsync(CancellationToken.None).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None).ConfigureAwait(false);
        await using (var serialize = connection.CreateCommand())
        {
            serialize.Transaction = transaction;
            // Waits for any other replica's batch to commit. Only 'off' risks losing a committed record, so only
            // that is raised; a stricter setting (remote_apply) is kept.
            serialize.CommandText = $"""
                SELECT pg_advisory_xact_lock({_appendLockSql});
                SELECT set_config('synchronous_commit', 'on', true) WHERE current_setting('synchronous_commit') = 'off'
                """;
            await serialize.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }

        // Read committed, so this statement's snapshot, taken after the lock, holds the previous holder's commit.
        var records = await AuditBatch.InsertOnTailAsync(connection, transaction, _table, events, _time).ConfigureAwait(false);
        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        return records;
    }

    private async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (_appendLockSql is not null)
        {
            return;
        }

        await _migrateLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_appendLockSql is not null)
            {
                return;
            }

            await PostgresAuditSchema.MigrateAsync(_dataSource, _schema, cancellationToken).ConfigureAwait(false);
            // The table's oid names the lock: unique in the database, so trails in two schemas never wait on each other.
            await using var command = _dataSource.CreateCommand("SELECT to_regclass(@table)::oid::bigint");
            command.Parameters.AddWithValue("table", _table);
            var oid = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
            _appendLockSql = string.Create(CultureInfo.InvariantCulture, $"{PostgresAuditSchema.LockNamespace}, {unchecked((int)oid)}");
        }
        finally
        {
            _migrateLock.Release();
        }
    }
}
