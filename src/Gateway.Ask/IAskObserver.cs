namespace Gateway.Ask;

/// <summary>
/// Hears each stage as it completes, in order: what the streaming endpoint turns into server-sent events. The data is
/// what the stage decided (route, tables, candidates, verdicts, rows), never connection details or keys.
/// </summary>
public interface IAskObserver
{
    ValueTask StageCompletedAsync(AskStageEvent stage, CancellationToken cancellationToken);
}

/// <summary>One completed stage: its name, its duration, and what it produced.</summary>
public sealed record AskStageEvent(string Stage, double ElapsedMs, IReadOnlyDictionary<string, object?> Data);

/// <summary>The observer that hears nothing, for callers that only want the result.</summary>
public sealed class NoAskObserver : IAskObserver
{
    public static NoAskObserver Instance { get; } = new();

    public ValueTask StageCompletedAsync(AskStageEvent stage, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
