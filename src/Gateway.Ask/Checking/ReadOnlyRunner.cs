using Gateway.Execution;
using Gateway.Execution.Results;
using Gateway.Execution.Sources;
using Gateway.Sql.Dialects;
using Gateway.Sql.Policy;
using Gateway.Sql.Validation;

namespace Gateway.Ask.Checking;

/// <summary>
/// The safety contract for generated SQL, the same as for SQL people write: the shared <see cref="SqlExecutionPath"/>
/// (<see cref="ISqlValidator"/> under the policy first, then the validator's SQL, row cap written in, on the source's
/// read-only path, masked columns masked).
/// </summary>
public sealed class ReadOnlyRunner
{
    private readonly SqlExecutionPath _path;
    private readonly AskOptions _options;

    public ReadOnlyRunner(ISqlValidator validator, IQueryExecutorFactory executors, SqlPolicy policy, AskOptions options)
    {
        ArgumentNullException.ThrowIfNull(validator);
        ArgumentNullException.ThrowIfNull(executors);
        ArgumentNullException.ThrowIfNull(policy);
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _path = new SqlExecutionPath(policy, validator, executors);
    }

    public SqlVerdict Check(string sql, SqlDialectKind dialect) => _path.Validate(sql, dialect);

    /// <summary>Runs an allowed verdict's SQL; <paramref name="maxRows"/> lowers the policy's cap (intermediate queries).</summary>
    public async Task<QueryOutcome> RunAsync(SourceDescriptor source, SqlVerdict verdict, int? maxRows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        var sink = new BufferedResultSink();
        var limits = new SqlRunLimits { MaxRows = maxRows, Timeout = _options.QueryTimeout };
        var summary = await _path.ExecuteAsync(source, verdict, sink, limits, cancellationToken).ConfigureAwait(false);
        return new QueryOutcome(verdict.Sql!, summary.Columns, sink.Rows, summary.Truncated, summary.Elapsed);
    }
}

/// <summary>What ran and what came back.</summary>
public sealed record QueryOutcome(
    string Sql,
    IReadOnlyList<ResultColumn> Columns,
    IReadOnlyList<IReadOnlyList<object?>> Rows,
    bool Truncated,
    TimeSpan Elapsed);
