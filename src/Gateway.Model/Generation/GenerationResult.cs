namespace Gateway.Model.Generation;

/// <summary>Why a sequence stopped.</summary>
public enum FinishReason
{
    /// <summary>It produced a stop token (the last of <see cref="GenerationResult.Tokens"/>).</summary>
    Stop,

    /// <summary>It reached <see cref="GenerationOptions.MaxNewTokens"/>.</summary>
    Length,
}

/// <summary>The tokens generated for one prompt (prompt excluded).</summary>
public sealed record GenerationResult(IReadOnlyList<int> Tokens, FinishReason FinishReason);
