using System.Data.Common;

namespace Gateway.Execution.Providers;

/// <summary>
/// The statement an executor runs: a command, or a batch whose leading commands set up the read-only transaction
/// in the same round trip as the query, which comes last.
/// </summary>
internal sealed class ReadOnlyStatement : IAsyncDisposable
{
    private readonly DbCommand? _command;
    private readonly DbBatch? _batch;

    public ReadOnlyStatement(DbCommand command)
    {
        _command = command ?? throw new ArgumentNullException(nameof(command));
    }

    public ReadOnlyStatement(DbBatch batch)
    {
        _batch = batch ?? throw new ArgumentNullException(nameof(batch));
    }

    /// <summary>The provider's own timeout: one second past the engine's limit, so the engine's error normally wins.</summary>
    public static int ClientTimeoutSeconds(TimeSpan timeout) => (int)Math.Ceiling(timeout.TotalSeconds) + 1;

    /// <summary>Builds a batch of <paramref name="prelude"/> then <paramref name="sql"/>.</summary>
    public static ReadOnlyStatement Batch(DbConnection connection, DbTransaction? transaction, IEnumerable<string> prelude, string sql, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(prelude);
        var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        batch.Timeout = ClientTimeoutSeconds(timeout);
        foreach (var text in prelude.Append(sql))
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = text;
            batch.BatchCommands.Add(command);
        }

        return new ReadOnlyStatement(batch);
    }

    /// <summary>Executes and positions the reader on the query's result, past the prelude's empty results.</summary>
    public async Task<DbDataReader> ExecuteReaderAsync(CancellationToken cancellationToken)
    {
        var reader = _batch is not null
            ? await _batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false)
            : await _command!.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (reader.FieldCount == 0 && await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
            {
            }
        }
        catch
        {
            await reader.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return reader;
    }

    /// <summary>Asks the engine to stop the running statement (so disposing the reader does not drain every row).</summary>
    public void Cancel()
    {
        if (_batch is not null)
        {
            _batch.Cancel();
        }
        else
        {
            _command!.Cancel();
        }
    }

    public ValueTask DisposeAsync() => _batch?.DisposeAsync() ?? _command!.DisposeAsync();
}
