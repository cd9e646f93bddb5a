namespace Gateway.Model.Generation;

/// <summary>Why a sequence stopped.</summary>
public enum FinishReason
{
    /// <summary>It produced a stop token or stop sequence (the end of <see cref="GenerationResult.Tokens"/>), or the observer ended it.</summary>
    Stop,

    /// <summary>It reached <see cref="GenerationOptions.MaxNewTokens"/>.</summary>
    Length,
}

/// <summary>The tokens generated for one prompt (prompt excluded).</summary>
public sealed record GenerationResult(IReadOnlyList<int> Tokens, FinishReason FinishReason)
{
    /// <summary>
    /// Sum of the log-probabilities of <see cref="Tokens"/> under the (processed) next-token distributions they were
    /// chosen from; for sampling, the distribution before temperature and top-p.
    /// </summary>
    public double LogProbability { get; init; }

    /// <summary>What beam search ranked by: <see cref="LogProbability"/> / length ^ length penalty (the log-probability otherwise).</summary>
    public double Score { get; init; }
}
