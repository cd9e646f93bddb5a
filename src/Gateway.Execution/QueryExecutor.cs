using System.Data.Common;
using System.Diagnostics;
using Gateway.Execution.Conversion;
using Gateway.Execution.Providers;
using Gateway.Execution.Results;
using Gateway.Execution.Sources;

namespace Gateway.Execution;

/// <summary>
/// The execute stage for one source. The engine is a second wall behind the validator: the statement runs in a
/// read-only transaction (or read-only connection) that is always rolled back, with the time limit enforced by the
/// engine and, a moment later, by cancelling the command. Rows stream from the reader to the sink; reading stops at
/// the row cap or the size cap and the result is flagged truncated. Masked columns are masked here, before any
/// sink, so every result path (streamed JSON, buffered tables, charts) gets the mask.
/// </summary>
public sealed class QueryExecutor : IQueryExecutor
{
    /// <summary>The client-side backstop fires this long after the engine's own limit, so the engine's error normally wins.</summary>
    private static readonly TimeSpan ClientGrace = TimeSpan.FromSeconds(1);

    private readonly SourceDescriptor _source;
    private readonly SourceConnector _connector;
    private readonly string _connectionString;

    public QueryExecutor(SourceDescriptor source)
    {
        _source = source ?? throw new ArgumentNullException(nameof(source));
        _connector = SourceConnectors.For(source.Provider);
        // Built once: every call then only takes a pooled connection keyed by this string.
        _connectionString = _connector.ReadOnlyConnectionString(source);
    }

    public SourceDescriptor Source => _source;

    public async Task<ExecutionSummary> ExecuteAsync(string sql, IResultSink sink, ExecutionOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(options);
        cancellationToken.ThrowIfCancellationRequested();
        var stopwatch = Stopwatch.StartNew();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(options.Timeout + ClientGrace);
        var opening = true;
        try
        {
            var connection = _connector.CreateConnection(_connectionString);
            await using (connection.ConfigureAwait(false))
            {
                await connection.OpenAsync(limit.Token).ConfigureAwait(false);
                opening = false;
                var transaction = await _connector.BeginReadOnlyAsync(connection, options.Timeout, limit.Token).ConfigureAwait(false);
                try
                {
                    var (columns, rows, reason) = await RunAsync(connection, transaction, sql, sink, options, limit.Token).ConfigureAwait(false);
                    return new ExecutionSummary(columns, rows, reason is not null, reason, stopwatch.Elapsed);
                }
                finally
                {
                    await RollbackAsync(connection, transaction).ConfigureAwait(false);
                    if (transaction is not null)
                    {
                        await transaction.DisposeAsync().ConfigureAwait(false);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && limit.IsCancellationRequested)
        {
            throw TimedOut(options, null);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or NotSupportedException or IOException or TimeoutException or System.Net.Sockets.SocketException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (limit.IsCancellationRequested)
            {
                throw TimedOut(options, ex);
            }

            throw _connector.Translate(ex, _source, opening);
        }
    }

    private async Task<(IReadOnlyList<ResultColumn> Columns, long Rows, TruncationReason? Reason)> RunAsync(
        DbConnection connection, DbTransaction? transaction, string sql, IResultSink sink, ExecutionOptions options, CancellationToken cancellationToken)
    {
        var command = _connector.CreateStatement(connection, transaction, sql, options.Timeout);
        await using (command.ConfigureAwait(false))
        {
            using var interrupt = _connector.RegisterInterrupt(connection, cancellationToken);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            TruncationReason? reason = null;
            try
            {
                var (columns, rows, cut) = await StreamAsync(reader, sink, options, cancellationToken).ConfigureAwait(false);
                reason = cut;
                return (columns, rows, reason);
            }
            finally
            {
                if (reason is not null)
                {
                    // Without this, disposing the reader would drain every remaining row from the server.
                    command.Cancel();
                }

                await DisposeReaderAsync(reader, reason is not null).ConfigureAwait(false);
            }
        }
    }

    private async Task<(IReadOnlyList<ResultColumn> Columns, long Rows, TruncationReason? Reason)> StreamAsync(
        DbDataReader reader, IResultSink sink, ExecutionOptions options, CancellationToken cancellationToken)
    {
        var hasRow = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var columns = new ResultColumn[reader.FieldCount];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = _connector.DescribeColumn(reader, i, hasRow);
        }

        var mask = ColumnMask.Apply(options.MaskedColumns, columns);
        var cells = new CellReader[columns.Length];
        for (var i = 0; i < cells.Length; i++)
        {
            // A masked value is never read: the provider's copy is all that exists of it in this process.
            cells[i] = mask.IsMasked(i) ? CellReader.Masked : _connector.CreateCellReader(reader, i, columns[i]);
        }

        await sink.BeginAsync(columns, cancellationToken).ConfigureAwait(false);
        var values = new object?[columns.Length];
        long rows = 0;
        long bytes = 0;
        TruncationReason? reason = null;
        while (hasRow)
        {
            if (options.MaxRows is { } maxRows && rows >= maxRows)
            {
                reason = TruncationReason.RowLimit;
                break;
            }

            for (var i = 0; i < values.Length; i++)
            {
                // The row is buffered by the provider (no SequentialAccess), so the synchronous reads do no I/O.
                var value = cells[i].Read(reader, i);
                values[i] = value;
                bytes += CellValues.EstimateSize(value);
            }

            if (bytes > options.MaxResultBytes)
            {
                reason = TruncationReason.SizeLimit;
                break;
            }

            await sink.RowAsync(values, cancellationToken).ConfigureAwait(false);
            rows++;
            hasRow = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }

        await sink.EndAsync(cancellationToken).ConfigureAwait(false);
        return (columns, rows, reason);
    }

    private static async Task DisposeReaderAsync(DbDataReader reader, bool cancelled)
    {
        try
        {
            await reader.DisposeAsync().ConfigureAwait(false);
        }
        catch (DbException) when (cancelled)
        {
            // The engine reports the cancel we sent after cutting the result; the rows we kept are complete.
        }
    }

    /// <summary>Always rolled back, also after a failure; a broken connection that cannot roll back is simply closed.</summary>
    private async Task RollbackAsync(DbConnection connection, DbTransaction? transaction)
    {
        try
        {
            await _connector.RollbackAsync(connection, transaction, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or IOException)
        {
            // The transaction is gone with its connection; the server discards it.
        }
    }

    private ExecutionException TimedOut(ExecutionOptions options, Exception? inner) =>
        new(ExecutionErrorCode.Timeout, $"The query on source '{_source.Name}' ran past its time limit of {options.Timeout.TotalSeconds:0.###} s and was cancelled.", inner);
}
