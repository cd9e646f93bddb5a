using Gateway.Generation;

namespace Gateway.Ask.Checking;

/// <summary>
/// The end of the check-and-repair loop: the query that ran and its rows, or why none did (the model refused, the
/// last candidate was rejected by policy, or it failed on the source), with every candidate tried.
/// </summary>
public sealed record SearchOutcome
{
    public required AskVerdict Verdict { get; init; }

    /// <summary>The winning candidate, or the last one tried.</summary>
    public SqlCandidate? Candidate { get; init; }

    /// <summary>The rows, when a query ran.</summary>
    public QueryOutcome? Result { get; init; }

    /// <summary>The model's reason (refused), the validator's reason (rejected) or the engine's message (error).</summary>
    public string? Error { get; init; }

    public string? Rule { get; init; }

    public required IReadOnlyList<TriedCandidate> Tried { get; init; }

    public string? ModelId { get; init; }
}
