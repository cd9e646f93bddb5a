using Gateway.Api.Errors;
using Gateway.Api.Sources;
using Gateway.Execution;
using Gateway.Execution.Results;
using Gateway.Sql.Policy;

namespace Gateway.Api.Execution;

/// <summary>
/// The product's <see cref="IQueryService"/>: opens the source (creating the demo database on first use), runs the
/// validated SQL read-only through <see cref="IQueryExecutorFactory"/> with the policy's row cap, and buffers the
/// capped result. Execution failures become problems with stable codes (<see cref="ExecutionProblems"/>).
/// </summary>
internal sealed class ExecutionQueryService(IQueryExecutorFactory executors, SourceOpener opener, SqlPolicy policy, GatewayApiOptions options) : IQueryService
{
    public async Task<QueryResult> ExecuteAsync(QueryRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var source = await opener.OpenAsync(request.Source, cancellationToken).ConfigureAwait(false);
            var sink = new BufferedResultSink();
            var limits = new ExecutionOptions { MaxRows = policy.MaxRows, Timeout = options.QueryTimeout, MaskedColumns = request.MaskedColumns };
            var summary = await executors.Create(source).ExecuteAsync(request.ValidatedSql, sink, limits, cancellationToken).ConfigureAwait(false);
            return new QueryResult(summary.Columns, sink.Rows, summary.Truncated, summary.Elapsed);
        }
        catch (ExecutionException ex)
        {
            throw ExecutionProblems.From(ex);
        }
    }
}
