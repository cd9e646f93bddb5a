using static TorchSharp.torch;

namespace Gateway.Model.Encoders;

/// <summary>softmax(q kᵀ / √d, masked) v, shared by the encoder and the cross-attention decoder.</summary>
internal static class ScaledAttention
{
    /// <param name="q">[batch, heads, queries, headDim]</param>
    /// <param name="k">[batch, heads, keys, headDim]</param>
    /// <param name="v">[batch, heads, keys, headDim]</param>
    /// <param name="allowed">boolean, broadcastable to [batch, heads, queries, keys]</param>
    /// <returns>[batch, heads, queries, headDim]</returns>
    public static Tensor Compute(Tensor q, Tensor k, Tensor v, Tensor allowed)
    {
        using var scope = NewDisposeScope();
        var scores = q.matmul(k.transpose(2, 3)).to_type(ScalarType.Float32).mul(1.0 / Math.Sqrt(q.shape[^1]));
        // A large finite negative, not -inf: a fully padded row then gives a uniform average instead of NaN.
        scores = scores.masked_fill(allowed.logical_not(), float.MinValue);
        return scores.softmax(-1).to_type(v.dtype).matmul(v).MoveToOuterDisposeScope();
    }
}
