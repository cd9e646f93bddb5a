using System.Threading.Channels;
using Gateway.Audit.Telemetry;
using Gateway.Audit.Trail;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Gateway.Audit.Sqlite;

/// <summary>
/// The one writer of an audit file in this process, with group commit. Appends queue up; a single loop takes
/// whatever is waiting (up to <see cref="MaxBatch"/>), chains and inserts it in one <c>BEGIN IMMEDIATE</c>
/// transaction, and completes each caller only after the commit. One fsync then covers a burst instead of one per
/// request, the chain stays linear because only this loop writes, and the immediate lock orders it against other
/// processes writing the same file.
/// </summary>
internal sealed class SqliteAuditWriter : IAsyncDisposable, IDisposable
{
    private const int MaxBatch = 256;

    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    public SqliteAuditWriter(SqliteDatabase database, TimeProvider time, ILogger logger)
    {
        _database = database;
        _time = time;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>
    /// Completes once the record is committed. Cancellation is honoured only before the record is queued: after
    /// that it is written regardless, since the request it describes has already happened.
    /// </summary>
    public Task<AuditRecord> AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new Pending(auditEvent);
        return _queue.Writer.TryWrite(pending)
            ? pending.Completion.Task
            : Task.FromException<AuditRecord>(new AuditWriteException($"The audit store for {_database.Path} is closed."));
    }

    public void Dispose() => _queue.Writer.TryComplete();

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            try
            {
                var records = await WriteAsync(batch).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Completion.TrySetResult(records[i]);
                }
            }
#pragma warning disable CA1031 // Any failure must reach the waiting callers; a loop that died would leave them hanging.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.AuditWriteFailed(_logger, _database.Path, ex);
                var failure = new AuditWriteException($"The audit record could not be written to {_database.Path}: {ex.Message}", ex);
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetException(failure);
                }
            }

            batch.Clear();
        }
    }

    private async Task<AuditRecord[]> WriteAsync(List<Pending> batch)
    {
        await using var connection = await _database.OpenAsync(CancellationToken.None).ConfigureAwait(false);
        // Microsoft.Data.Sqlite begins IMMEDIATE unless asked for deferred: the write lock is taken before the read.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(CancellationToken.None).ConfigureAwait(false);
        var (lastId, previousHash) = await ReadTailAsync(connection, transaction).ConfigureAwait(false);

        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO audit ({AuditSchema.Columns}) VALUES ($id, $time, $principal, $source, $question, $generated, $executed, $verdict, $rule, $rows, $duration, $error, $trace, $model, $prev, $hash)";
        var records = new AuditRecord[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var record = AuditRecord.FromEvent(batch[i].Event, lastId + 1 + i, _time.GetUtcNow(), previousHash);
            Bind(insert, record);
            await insert.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            records[i] = record;
            previousHash = record.Hash;
        }

        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        return records;
    }

    private static async Task<(long LastId, string PreviousHash)> ReadTailAsync(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var last = connection.CreateCommand();
        last.Transaction = transaction;
        last.CommandText = "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1";
        await using var reader = await last.ExecuteReaderAsync(CancellationToken.None).ConfigureAwait(false);
        return await reader.ReadAsync(CancellationToken.None).ConfigureAwait(false)
            ? (reader.GetInt64(0), reader.GetString(1))
            : (0, AuditChain.GenesisHash);
    }

    private static void Bind(SqliteCommand insert, AuditRecord record)
    {
        var p = insert.Parameters;
        p.Clear();
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
    }

    private sealed class Pending(AuditEvent auditEvent)
    {
        public AuditEvent Event { get; } = auditEvent;

        // Continuations run off the writer loop, so a slow caller never delays the next commit.
        public TaskCompletionSource<AuditRecord> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
