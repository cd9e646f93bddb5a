using Gateway.Model.Config;
using static TorchSharp.torch;

namespace Gateway.Model.Transformer;

/// <summary>
/// Rotary position embeddings (RoPE) in the "rotate half" layout of HF Llama/Qwen2: inverse frequencies
/// θ^(-2i/d), divided by the factor for linear scaling.
/// </summary>
internal sealed class RotaryEmbedding
{
    private readonly double[] _inverseFrequencies;

    public RotaryEmbedding(ModelConfig config)
    {
        var dim = config.HeadDimension;
        var factor = config.RopeScaling is { Kind: "linear" } scaling ? scaling.Factor : 1.0;
        _inverseFrequencies = Enumerable.Range(0, dim / 2)
            .Select(i => 1.0 / Math.Pow(config.RopeTheta, 2.0 * i / dim) / factor)
            .ToArray();
    }

    /// <summary>cos and sin, each [batch, 1, seq, headDim], for integer <paramref name="positions"/> [batch, seq].</summary>
    public (Tensor Cos, Tensor Sin) For(Tensor positions, ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        var inv = tensor(_inverseFrequencies.Select(f => (float)f).ToArray());
        var freqs = positions.to_type(ScalarType.Float32).unsqueeze(-1).mul(inv);
        var emb = cat([freqs, freqs], -1).unsqueeze(1);
        return (emb.cos().to_type(dtype).MoveToOuterDisposeScope(), emb.sin().to_type(dtype).MoveToOuterDisposeScope());
    }

    /// <summary>x·cos + rotate_half(x)·sin for x [batch, heads, seq, headDim].</summary>
    public static Tensor Apply(Tensor x, Tensor cos, Tensor sin)
    {
        using var scope = NewDisposeScope();
        var half = x.shape[^1] / 2;
        var x1 = x.narrow(-1, 0, half);
        var x2 = x.narrow(-1, half, half);
        var rotated = cat([x2.neg(), x1], -1);
        return x.mul(cos).add(rotated.mul(sin)).MoveToOuterDisposeScope();
    }
}
