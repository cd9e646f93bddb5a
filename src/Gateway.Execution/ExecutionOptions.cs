namespace Gateway.Execution;

/// <summary>Limits for one execution. All have defaults; the engine enforces the timeout as well as the client.</summary>
public sealed record ExecutionOptions
{
    /// <summary>Rows read before the result is cut and flagged truncated. Null: no cap. Default 1,000.</summary>
    public int? MaxRows { get; init; } = 1000;

    /// <summary>Approximate result size (UTF-8 bytes of cell text) before the result is cut and flagged truncated. Default 16 MiB.</summary>
    public long MaxResultBytes { get; init; } = 16L * 1024 * 1024;

    /// <summary>Wall-clock limit of the statement, enforced by the engine and by cancelling the command. Default 30 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Result column names (case-insensitive) whose non-null values are replaced by <c>"***"</c> before any sink sees
    /// them; pass the verdict's <c>MaskedOutputColumns</c>. Default: none.
    /// </summary>
    public IReadOnlyCollection<string> MaskedColumns { get; init; } = [];

    public static ExecutionOptions Default { get; } = new();
}
