namespace Gateway.Execution.Results;

/// <summary>A whole result held in memory (rows already capped by <see cref="ExecutionOptions"/>).</summary>
public sealed record QueryResult(
    IReadOnlyList<ResultColumn> Columns,
    IReadOnlyList<IReadOnlyList<object?>> Rows,
    bool Truncated,
    TimeSpan Elapsed)
{
    public static QueryResult From(BufferedResultSink sink, ExecutionSummary summary)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(summary);
        return new QueryResult(summary.Columns, sink.Rows, summary.Truncated, summary.Elapsed);
    }
}
