using Gateway.Api.Errors;
using Gateway.Api.Sources;
using Gateway.Execution;
using Gateway.Execution.Results;
using Gateway.Sql.Validation;

namespace Gateway.Api.Execution;

/// <summary>
/// The product's <see cref="IQueryService"/>: opens the source (creating the demo database on first use), runs the
/// validated SQL read-only through <see cref="SqlExecutionPath"/> (the policy's row cap, the masked columns), and
/// buffers the capped result. Execution failures become problems with stable codes (<see cref="ExecutionProblems"/>).
/// </summary>
internal sealed class ExecutionQueryService(SqlExecutionPath path, SourceOpener opener, GatewayApiOptions options) : IQueryService
{
    public async Task<QueryResult> ExecuteAsync(QueryRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var source = await opener.OpenAsync(request.Source, cancellationToken).ConfigureAwait(false);
            var sink = new BufferedResultSink();
            // The front door validated through the same path; the request carries that verdict's SQL and masks.
            var verdict = SqlVerdict.Allow(request.ValidatedSql, [.. request.MaskedColumns]);
            var summary = await path.ExecuteAsync(source, verdict, sink, new SqlRunLimits { Timeout = options.QueryTimeout }, cancellationToken).ConfigureAwait(false);
            return new QueryResult(summary.Columns, sink.Rows, summary.Truncated, summary.Elapsed);
        }
        catch (ExecutionException ex)
        {
            throw ExecutionProblems.From(ex);
        }
    }
}
