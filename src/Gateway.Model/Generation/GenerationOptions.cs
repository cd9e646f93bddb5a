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

    /// <summary>
    /// Beam width: above 1, beam search keeps this many hypotheses per prompt (greedy scores only: Temperature must
    /// be 0, and no <see cref="Observer"/>). Default 1 (greedy or sampling).
    /// </summary>
    public int NumBeams { get; init; } = 1;

    /// <summary>
    /// Beam search ranks finished hypotheses by log-probability / (generated length ^ this), as Hugging Face does:
    /// above 0 favours longer answers, 0 ranks by the plain sum. Default 1.
    /// </summary>
    public double LengthPenalty { get; init; } = 1.0;

    /// <summary>Generation of a sequence ends once its generated tokens end with one of these (included). Default none.</summary>
    public IReadOnlyList<IReadOnlyList<int>> StopSequences { get; init; } = [];

    public bool IsGreedy => Temperature <= 0;

    /// <summary>Whether <paramref name="generated"/> ends with a stop id or a stop sequence.</summary>
    internal bool EndsWithStop(IReadOnlyList<int> generated)
    {
        if (generated.Count == 0)
        {
            return false;
        }

        if (StopTokenIds.Contains(generated[^1]))
        {
            return true;
        }

        foreach (var sequence in StopSequences)
        {
            if (sequence.Count > 0 && sequence.Count <= generated.Count && EndsWith(generated, sequence))
            {
                return true;
            }
        }

        return false;
    }

    private static bool EndsWith(IReadOnlyList<int> generated, IReadOnlyList<int> suffix)
    {
        var offset = generated.Count - suffix.Count;
        for (var i = 0; i < suffix.Count; i++)
        {
            if (generated[offset + i] != suffix[i])
            {
                return false;
            }
        }

        return true;
    }
}
