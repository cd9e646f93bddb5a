namespace Gateway.Execution.Results;

/// <summary>What an execution produced, besides the rows the sink received.</summary>
public sealed record ExecutionSummary(
    IReadOnlyList<ResultColumn> Columns,
    long RowCount,
    bool Truncated,
    TruncationReason? TruncationReason,
    TimeSpan Elapsed);

/// <summary>Why a result was cut short.</summary>
public enum TruncationReason
{
    RowLimit,
    SizeLimit,
}
