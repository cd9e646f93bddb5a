namespace Gateway.Model.Generation;

/// <summary>How to continue prompts.</summary>
public sealed record GenerationOptions
{
    /// <summary>Most tokens generated per prompt. Default 128.</summary>
    public int MaxNewTokens { get; init; } = 128;

    /// <summary>0 (the default) picks the most likely token (greedy); above 0 samples from softmax(logits / T).</summary>
    public double Temperature { get; init; }

    /// <summary>Nucleus sampling: sample only among the most likely tokens whose probabilities add up to this. Default 1.</summary>
    public double TopP { get; init; } = 1.0;

    /// <summary>Seed for sampling, so runs repeat. Default 0.</summary>
    public long Seed { get; init; }

    /// <summary>Generation of a sequence ends after any of these ids (included in its output). Default none.</summary>
    public IReadOnlyList<int> StopTokenIds { get; init; } = [];

    /// <summary>Left-padding id for batched prompts of different lengths (masked out, never attended). Default 0.</summary>
    public int PadTokenId { get; init; }

    /// <summary>Applied in order to the logits of every step. Default none.</summary>
    public IReadOnlyList<ILogitsProcessor> LogitsProcessors { get; init; } = [];

    /// <summary>Told of every generated token; it can end a sequence early (stop strings) or stream it. Default none.</summary>
    public IGenerationObserver? Observer { get; init; }

    public bool IsGreedy => Temperature <= 0;
}
