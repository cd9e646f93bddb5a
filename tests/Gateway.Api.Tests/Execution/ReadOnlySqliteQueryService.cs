using Gateway.Api.Execution;
using ResultColumn = Gateway.Execution.Results.ResultColumn;
using ValueKind = Gateway.Execution.Results.ValueKind;
using Microsoft.Data.Sqlite;

namespace Gateway.Api.Tests.Execution;

/// <summary>
/// A small but real <see cref="IQueryService"/> for these tests: it runs the SQL it is given on a SQLite file opened
/// read-only, replacing the product's <see cref="ExecutionQueryService"/> where a test must count calls so a test can show
/// that rejected SQL never reaches execution.
/// </summary>
internal sealed class ReadOnlySqliteQueryService(string databasePath) : IQueryService
{
    private int _calls;

    public int Calls => _calls;

    public async Task<QueryResult> ExecuteAsync(QueryRequest request, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=false");
        await connection.OpenAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = request.ValidatedSql;
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var columns = Enumerable.Range(0, reader.FieldCount).Select(i => new ResultColumn(reader.GetName(i), ValueKind.Other, reader.GetDataTypeName(i))).ToArray();
            var rows = new List<IReadOnlyList<object?>>();
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i)).ToArray());
            }

            return new QueryResult(columns, rows);
        }
        catch (SqliteException ex)
        {
            throw new QueryExecutionException("execution.engine_error", $"SQLite error {ex.SqliteErrorCode}.", ex);
        }
    }
}
