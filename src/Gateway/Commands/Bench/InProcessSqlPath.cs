using Gateway.Commands.Results;
using Gateway.Commands.Sources;
using Gateway.Execution;
using Gateway.Execution.Results;
using Gateway.Execution.Sources;
using Gateway.Presentation.Charts;
using Gateway.Sql.Policy;
using Gateway.Sql.Validation;

namespace Gateway.Commands.Bench;

/// <summary>
/// <c>gateway sql --json</c>'s work without the process around it: validate (row cap one above the policy's),
/// execute read-only into a buffer, choose the chart and write the JSON object. The baseline for <c>bench http</c>.
/// </summary>
internal sealed class InProcessSqlPath(SourceDescriptor source, SqlPolicy policy)
{
    private readonly SqlValidator _validator = new();
    private readonly ChartSelector _charts = new();
    private readonly SqlPolicy _probe = policy.MaxRows is { } cap and < int.MaxValue ? policy with { MaxRows = cap + 1 } : policy;

    public async Task<long> RunAsync(string sql, CancellationToken cancellationToken)
    {
        var verdict = _validator.Validate(sql, SourceResolver.Dialect(source.Provider), _probe);
        if (!verdict.Allowed)
        {
            throw new InvalidOperationException($"The benchmark query was rejected: {verdict.Rule}.");
        }

        var sink = new BufferedResultSink();
        var summary = await new QueryExecutor(source).ExecuteAsync(verdict.Sql!, sink, new ExecutionOptions { MaxRows = policy.MaxRows }, cancellationToken).ConfigureAwait(false);
        var chart = _charts.Select(summary.Columns, sink.Rows);
        await SqlResultJson.WriteAsync(Stream.Null, verdict.Sql!, source.Name, sink, summary, chart, cancellationToken).ConfigureAwait(false);
        return summary.RowCount;
    }
}
