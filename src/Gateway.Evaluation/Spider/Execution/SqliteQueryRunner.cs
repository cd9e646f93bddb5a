using Gateway.Evaluation.Spider.Sql;
using Microsoft.Data.Sqlite;

namespace Gateway.Evaluation.Spider.Execution;

/// <summary>
/// Runs one query on a Spider SQLite file opened read-only. The per-query timeout (and the caller's token) interrupts
/// the statement for real through <c>sqlite3_interrupt</c>, so a runaway cross join stops instead of finishing late.
/// </summary>
internal sealed class SqliteQueryRunner(TimeSpan timeout, int maxRows = 1_000_000)
{
    public async Task<QueryRun> RunAsync(string databasePath, string sql, CancellationToken cancellationToken = default)
    {
        var connection = await SpiderConnection.OpenReadOnlyAsync(databasePath, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            var handle = connection.Handle;
            using var interrupt = deadline.Token.Register(() => SQLitePCL.raw.sqlite3_interrupt(handle));
            try
            {
                return await ReadAllAsync(connection, sql).ConfigureAwait(false);
            }
            catch (SqliteException ex) when (deadline.IsCancellationRequested)
            {
                cancellationToken.ThrowIfCancellationRequested();
                return QueryRun.Failed($"timed out after {timeout.TotalSeconds:0.#} s ({ex.SqliteErrorCode})", timedOut: true);
            }
            catch (SqliteException ex)
            {
                return QueryRun.Failed(ex.Message);
            }
        }
    }

    private async Task<QueryRun> ReadAllAsync(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = sql;

            // The timeout is enforced by the interrupt above; the command's own timeout only covers lock waits.
            command.CommandTimeout = 0;
            var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var rows = new List<ValueList<CellValue>>();
                var cells = new CellValue[reader.FieldCount];
                while (await reader.ReadAsync().ConfigureAwait(false))
                {
                    if (rows.Count >= maxRows)
                    {
                        return QueryRun.Failed($"more than {maxRows} rows");
                    }

                    for (var i = 0; i < cells.Length; i++)
                    {
                        cells[i] = CellValue.From(reader.GetValue(i));
                    }

                    rows.Add(new ValueList<CellValue>(cells));
                }

                return QueryRun.Ok(rows);
            }
        }
    }
}
