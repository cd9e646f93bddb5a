using Gateway.Execution.Results;

namespace Gateway.Execution;

/// <summary>
/// Runs SQL that the validator has already allowed (the verdict's rewritten SQL) against one source, inside a
/// read-only transaction that is always rolled back, and streams the rows to a sink.
/// </summary>
public interface IQueryExecutor
{
    Task<ExecutionSummary> ExecuteAsync(string sql, IResultSink sink, ExecutionOptions options, CancellationToken cancellationToken = default);
}
