using Gateway.Audit.Storage;
using Gateway.Audit.Trail;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Gateway.Audit.Sqlite;

/// <summary>
/// The embedded audit store: <c>&lt;data-dir&gt;/audit.db</c> in WAL mode. Appends go through one
/// <see cref="AuditGroupCommit"/> (serialised, group-committed, durable before they return), each batch in a
/// <c>BEGIN IMMEDIATE</c> transaction so another process writing the same file is ordered by the file lock; reads
/// and verification use their own connections and never block it.
/// </summary>
internal sealed class SqliteAuditStore : IAuditStore, IDisposable, IAsyncDisposable
{
    public const string FileName = "audit.db";

    private const string Table = "audit";

    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;
    private readonly AuditGroupCommit _writer;
    private readonly AuditTableReader _reader;

    public SqliteAuditStore(string path, TimeProvider time, ILogger<SqliteAuditStore> logger)
    {
        _database = new SqliteDatabase(path, SqliteAuditSchema.Sql);
        _time = time;
        _writer = new AuditGroupCommit(WriteBatchAsync, _database.Path, logger);
        _reader = new AuditTableReader(async cancellationToken => await _database.OpenAsync(cancellationToken).ConfigureAwait(false), Table);
    }

    public string Path => _database.Path;

    public string Location => Path;

    public void Dispose()
    {
        _writer.Dispose();
        _database.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync().ConfigureAwait(false);
        _database.Dispose();
    }

    public Task<bool> ExistsAsync(CancellationToken cancellationToken = default) => Task.FromResult(File.Exists(Path));

    public Task<AuditRecord> AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default) =>
        _writer.AppendAsync(auditEvent, cancellationToken);

    public Task<AuditRecord?> GetAsync(long id, CancellationToken cancellationToken = default) => _reader.GetAsync(id, cancellationToken);

    public Task<AuditPage> QueryAsync(AuditFilter filter, string? cursor, int limit, CancellationToken cancellationToken = default) =>
        _reader.QueryAsync(filter, cursor, limit, cancellationToken);

    public IAsyncEnumerable<AuditRecord> ReadAsync(AuditFilter filter, CancellationToken cancellationToken = default) =>
        _reader.ReadAsync(filter, cancellationToken);

    public Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default) => _reader.VerifyAsync(cancellationToken);

    private async Task<AuditRecord[]> WriteBatchAsync(IReadOnlyList<AuditEvent> events)
    {
        await using var connection = await _database.OpenAsync(CancellationToken.None).ConfigureAwait(false);
        // Microsoft.Data.Sqlite begins IMMEDIATE unless asked for deferred: the write lock is taken before the read.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(CancellationToken.None).ConfigureAwait(false);
        var records = await AuditBatch.InsertOnTailAsync(connection, transaction, Table, events, _time).ConfigureAwait(false);
        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        return records;
    }
}
