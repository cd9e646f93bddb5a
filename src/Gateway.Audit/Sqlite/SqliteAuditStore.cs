using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Gateway.Audit.Telemetry;
using Gateway.Audit.Trail;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Gateway.Audit.Sqlite;

/// <summary>
/// The embedded audit store: <c>&lt;data-dir&gt;/audit.db</c>. Appends are serialised twice: a semaphore orders this
/// process's writers without spinning on the file lock, and <c>BEGIN IMMEDIATE</c> orders them against other
/// processes (a second <c>gateway</c> writing the same trail), so the previous hash read is always the last one.
/// </summary>
internal sealed class SqliteAuditStore : IAuditStore, IDisposable
{
    public const string FileName = "audit.db";

    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    public SqliteAuditStore(string path, TimeProvider time, ILogger<SqliteAuditStore> logger)
    {
        _database = new SqliteDatabase(path, AuditSchema.Sql);
        _time = time;
        _logger = logger;
    }

    public string Path => _database.Path;

    public void Dispose()
    {
        _writeLock.Dispose();
        _database.Dispose();
    }

    public async Task<AuditRecord> AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        using var activity = GatewayActivitySource.Source.StartActivity("gateway.audit.append");
        // Once the work is done, the record must be written even if the client has gone: an unaudited request is the
        // failure this store exists to prevent. So only waiting for the lock honours cancellation.
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var record = await AppendLockedAsync(auditEvent).ConfigureAwait(false);
            activity?.SetTag("gateway.audit.id", record.Id);
            return record;
        }
        catch (SqliteException ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            Log.AuditWriteFailed(_logger, Path, ex);
            throw new AuditWriteException($"The audit record could not be written to {Path}: {ex.Message}", ex);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task<AuditRecord> AppendLockedAsync(AuditEvent auditEvent)
    {
        await using var connection = await _database.OpenAsync(CancellationToken.None).ConfigureAwait(false);
        // Microsoft.Data.Sqlite begins IMMEDIATE unless asked for deferred: the write lock is taken before the read.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(CancellationToken.None).ConfigureAwait(false);

        long lastId = 0;
        var previousHash = AuditChain.GenesisHash;
        using (var last = connection.CreateCommand())
        {
            last.Transaction = transaction;
            last.CommandText = "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1";
            await using var reader = await last.ExecuteReaderAsync(CancellationToken.None).ConfigureAwait(false);
            if (await reader.ReadAsync(CancellationToken.None).ConfigureAwait(false))
            {
                lastId = reader.GetInt64(0);
                previousHash = reader.GetString(1);
            }
        }

        var record = AuditRecord.FromEvent(auditEvent, lastId + 1, _time.GetUtcNow(), previousHash);
        using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO audit ({AuditSchema.Columns}) VALUES ($id, $time, $principal, $source, $question, $generated, $executed, $verdict, $rule, $rows, $duration, $error, $trace, $model, $prev, $hash)";
            var p = insert.Parameters;
            p.AddWithValue("$id", record.Id);
            p.AddWithValue("$time", record.Time.UtcTicks);
            p.AddWithValue("$principal", record.Principal);
            p.AddWithValue("$source", record.Source);
            p.AddWithValue("$question", (object?)record.Question ?? DBNull.Value);
            p.AddWithValue("$generated", (object?)record.GeneratedSql ?? DBNull.Value);
            p.AddWithValue("$executed", (object?)record.ExecutedSql ?? DBNull.Value);
            p.AddWithValue("$verdict", record.Verdict.ToName());
            p.AddWithValue("$rule", (object?)record.Rule ?? DBNull.Value);
            p.AddWithValue("$rows", (object?)record.RowCount ?? DBNull.Value);
            p.AddWithValue("$duration", record.DurationMs);
            p.AddWithValue("$error", (object?)record.ErrorCode ?? DBNull.Value);
            p.AddWithValue("$trace", (object?)record.TraceId ?? DBNull.Value);
            p.AddWithValue("$model", (object?)record.ModelId ?? DBNull.Value);
            p.AddWithValue("$prev", record.PreviousHash);
            p.AddWithValue("$hash", record.Hash);
            await insert.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }

        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        return record;
    }

    public async Task<AuditRecord?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {AuditSchema.Columns} FROM audit WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? AuditRowReader.Read(reader) : null;
    }

    public async Task<AuditPage> QueryAsync(AuditFilter filter, string? cursor, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        long? before = null;
        if (cursor is not null)
        {
            before = long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0
                ? parsed
                : throw new FormatException($"'{cursor}' is not an audit cursor.");
        }

        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        var where = AuditFilterSql.Where(filter, command, before);
        // One extra row tells whether another page exists without a COUNT over the whole trail.
        command.CommandText = $"SELECT {AuditSchema.Columns} FROM audit{where} ORDER BY id DESC LIMIT $limit";
        command.Parameters.AddWithValue("$limit", limit + 1);
        var records = new List<AuditRecord>(Math.Min(limit + 1, 256));
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                records.Add(AuditRowReader.Read(reader));
            }
        }

        if (records.Count <= limit)
        {
            return new AuditPage(records, null);
        }

        records.RemoveAt(records.Count - 1);
        return new AuditPage(records, records[^1].Id.ToString(CultureInfo.InvariantCulture));
    }

    public async IAsyncEnumerable<AuditRecord> ReadAsync(AuditFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        var where = AuditFilterSql.Where(filter, command);
        command.CommandText = $"SELECT {AuditSchema.Columns} FROM audit{where} ORDER BY id";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return AuditRowReader.Read(reader);
        }
    }

    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        using var activity = GatewayActivitySource.Source.StartActivity("gateway.audit.verify");
        long count = 0;
        var expectedPrevious = AuditChain.GenesisHash;
        var expectedId = 1L;
        await foreach (var record in ReadAsync(AuditFilter.All, cancellationToken).ConfigureAwait(false))
        {
            var reason = AuditChainCheck.Check(record, expectedId, expectedPrevious);
            if (reason is not null)
            {
                activity?.SetTag("gateway.audit.broken_id", record.Id);
                return AuditVerification.Broken(count, record.Id, reason);
            }

            count++;
            expectedId = record.Id + 1;
            expectedPrevious = record.Hash;
        }

        return AuditVerification.Ok(count);
    }
}
