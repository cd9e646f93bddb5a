using Gateway.Commands.Results;
using Gateway.Execution;
using Gateway.Execution.Results;
using Gateway.Execution.Sources;
using Gateway.Presentation.Charts;
using Gateway.Sql.Policy;

namespace Gateway.Commands.Bench;

/// <summary>
/// <c>gateway sql --json</c>'s work without the process around it: <see cref="SqlExecutionPath"/> (validate, run
/// read-only into a buffer), then the chart and the JSON object. The baseline for <c>bench http</c>.
/// </summary>
internal sealed class InProcessSqlPath(SourceDescriptor source, SqlPolicy policy)
{
    private readonly SqlExecutionPath _path = new(policy);
    private readonly ChartSelector _charts = new();

    public async Task<long> RunAsync(string sql, CancellationToken cancellationToken)
    {
        var sink = new BufferedResultSink();
        var run = await _path.RunAsync(source, sql, sink, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (run.Summary is not { } summary)
        {
            throw new InvalidOperationException($"The benchmark query was rejected: {run.Verdict.Rule}.");
        }

        var chart = _charts.Select(summary.Columns, sink.Rows);
        await SqlResultJson.WriteAsync(Stream.Null, run.ExecutedSql!, source.Name, sink, summary, chart, cancellationToken).ConfigureAwait(false);
        return summary.RowCount;
    }
}
