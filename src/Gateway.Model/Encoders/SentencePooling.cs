using static TorchSharp.torch;

namespace Gateway.Model.Encoders;

/// <summary>Sentence vectors from token states, as sentence-transformers' MiniLM pipeline makes them.</summary>
public static class SentencePooling
{
    /// <summary>Mean of the real tokens' states: [batch, seq, hidden] and mask [batch, seq] → [batch, hidden].</summary>
    public static Tensor MeanPool(Tensor tokenStates, Tensor attentionMask)
    {
        ArgumentNullException.ThrowIfNull(tokenStates);
        ArgumentNullException.ThrowIfNull(attentionMask);
        using var scope = NewDisposeScope();
        var mask = attentionMask.to_type(tokenStates.dtype).unsqueeze(-1);
        // Clamped as sentence-transformers does, so an all-padding row gives zeros rather than NaN.
        var counts = mask.sum(1).clamp_min(1e-9);
        return tokenStates.mul(mask).sum(1).div(counts).MoveToOuterDisposeScope();
    }

    /// <summary>Rows scaled to unit L2 norm (eps 1e-12, as torch's F.normalize).</summary>
    public static Tensor Normalize(Tensor vectors)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        using var scope = NewDisposeScope();
        return vectors.div(vectors.norm(1, keepdim: true).clamp_min(1e-12)).MoveToOuterDisposeScope();
    }

    /// <summary>Mean pooling then L2 normalisation.</summary>
    public static Tensor Embed(Tensor tokenStates, Tensor attentionMask)
    {
        using var pooled = MeanPool(tokenStates, attentionMask);
        return Normalize(pooled);
    }
}
