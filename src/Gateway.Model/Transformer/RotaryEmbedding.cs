using Gateway.Model.Config;
using static TorchSharp.torch;

namespace Gateway.Model.Transformer;

/// <summary>
/// Rotary position embeddings (RoPE) in the "rotate half" layout of HF Llama/Qwen2: inverse frequencies
/// θ^(-2i/d), changed as the config's <c>rope_scaling</c> says (see <see cref="RopeScaling"/>; the formulas follow
/// Hugging Face's <c>modeling_rope_utils</c>).
/// </summary>
internal sealed class RotaryEmbedding
{
    private readonly ModelConfig _config;
    private readonly int _dim;
    private readonly double[] _inverseFrequencies;
    private readonly double _attentionFactor = 1.0;

    public RotaryEmbedding(ModelConfig config)
    {
        _config = config;
        _dim = config.HeadDimension;
        var scaling = config.RopeScaling;
        _inverseFrequencies = Frequencies(config.RopeTheta);
        switch (scaling?.Kind)
        {
            case "linear":
                _inverseFrequencies = [.. _inverseFrequencies.Select(f => f / scaling.Factor)];
                break;
            case "llama3":
                _inverseFrequencies = Llama3(_inverseFrequencies, scaling);
                break;
            case "yarn":
                (_inverseFrequencies, _attentionFactor) = Yarn(scaling);
                break;
            default:
                // "default", and "dynamic" below the trained length; dynamic is worked out per call in For.
                break;
        }
    }

    /// <summary>cos and sin, each [batch, 1, seq, headDim], for integer <paramref name="positions"/> [batch, seq].</summary>
    public (Tensor Cos, Tensor Sin) For(Tensor positions, ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        var frequencies = _config.RopeScaling is { Kind: "dynamic" } dynamic ? Dynamic(dynamic, positions) : _inverseFrequencies;
        var inv = tensor(frequencies.Select(f => (float)f).ToArray(), device: positions.device);
        var freqs = positions.to_type(ScalarType.Float32).unsqueeze(-1).mul(inv);
        var emb = cat([freqs, freqs], -1).unsqueeze(1);
        var cos = emb.cos();
        var sin = emb.sin();
        if (_attentionFactor != 1.0)
        {
            cos = cos.mul(_attentionFactor);
            sin = sin.mul(_attentionFactor);
        }

        return (cos.to_type(dtype).MoveToOuterDisposeScope(), sin.to_type(dtype).MoveToOuterDisposeScope());
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

    private double[] Frequencies(double theta) =>
        [.. Enumerable.Range(0, _dim / 2).Select(i => 1.0 / Math.Pow(theta, 2.0 * i / _dim))];

    // Dynamic NTK: past the trained length L, the base becomes θ·(factor·len/L − (factor − 1))^(d/(d−2)), len being
    // the longest sequence this call reaches. As in HF, keys already cached keep the frequencies they were made with.
    private double[] Dynamic(RopeScaling scaling, Tensor positions)
    {
        var trained = scaling.OriginalMaxPositionEmbeddings ?? _config.MaxPositionEmbeddings;
        var length = positions.numel() == 0 ? 0 : positions.max().item<long>() + 1;
        if (length <= trained)
        {
            return _inverseFrequencies;
        }

        var theta = _config.RopeTheta * Math.Pow((scaling.Factor * length / trained) - (scaling.Factor - 1), _dim / (_dim - 2.0));
        return Frequencies(theta);
    }

    // Llama 3.1: wavelengths longer than original/low_freq_factor are divided by the factor, shorter than
    // original/high_freq_factor kept, and those between blended smoothly.
    private static double[] Llama3(double[] inverse, RopeScaling scaling)
    {
        var factor = scaling.Factor;
        var low = scaling.LowFreqFactor!.Value;
        var high = scaling.HighFreqFactor!.Value;
        var original = (double)scaling.OriginalMaxPositionEmbeddings!.Value;
        var lowFreqWavelength = original / low;
        var highFreqWavelength = original / high;
        return [.. inverse.Select(f =>
        {
            var wavelength = 2 * Math.PI / f;
            if (wavelength < highFreqWavelength)
            {
                return f;
            }

            if (wavelength > lowFreqWavelength)
            {
                return f / factor;
            }

            var smooth = ((original / wavelength) - low) / (high - low);
            return ((1 - smooth) * f / factor) + (smooth * f);
        })];
    }

    // YaRN: dimensions that rotate many times within the original context are extrapolated (kept), those that
    // rotate less than once interpolated (divided by the factor), a linear ramp between; cos and sin are scaled by
    // the attention factor.
    private (double[] Inverse, double AttentionFactor) Yarn(RopeScaling scaling)
    {
        var theta = _config.RopeTheta;
        var factor = scaling.Factor;
        double original = _config.MaxPositionEmbeddings;
        if (scaling.OriginalMaxPositionEmbeddings is { } given)
        {
            // As HF does for configs (DeepSeek-V3 style) that raise max_position_embeddings and keep the pretrained length.
            original = given;
            factor = _config.MaxPositionEmbeddings / original;
        }

        var attention = scaling.AttentionFactor
            ?? (scaling is { Mscale: { } m, MscaleAllDim: { } all } && m != 0 && all != 0
                ? Mscale(factor, m) / Mscale(factor, all)
                : Mscale(factor, 1));
        var betaFast = scaling.BetaFast ?? 32;
        var betaSlow = scaling.BetaSlow ?? 1;
        var lowDim = CorrectionDimension(betaFast, theta, original);
        var highDim = CorrectionDimension(betaSlow, theta, original);
        if (scaling.Truncate ?? true)
        {
            lowDim = Math.Floor(lowDim);
            highDim = Math.Ceiling(highDim);
        }

        lowDim = Math.Max(lowDim, 0);
        highDim = Math.Min(highDim, _dim - 1);
        if (lowDim == highDim)
        {
            highDim += 0.001;
        }

        var inverse = new double[_dim / 2];
        for (var i = 0; i < inverse.Length; i++)
        {
            var position = Math.Pow(theta, 2.0 * i / _dim);
            var ramp = Math.Clamp((i - lowDim) / (highDim - lowDim), 0, 1);
            var extrapolation = 1 - ramp;
            inverse[i] = (1 / (factor * position) * (1 - extrapolation)) + (1 / position * extrapolation);
        }

        return (inverse, attention);
    }

    private double CorrectionDimension(double rotations, double theta, double original) =>
        _dim * Math.Log(original / (rotations * 2 * Math.PI)) / (2 * Math.Log(theta));

    private static double Mscale(double scale, double mscale) => scale <= 1 ? 1.0 : (0.1 * mscale * Math.Log(scale)) + 1.0;
}
