using Gateway.Model.Config;
using static TorchSharp.torch;

namespace Gateway.Model.Transformer;

/// <summary>
/// Grouped-query self-attention with rotary positions: <c>q_proj</c>, <c>k_proj</c>, <c>v_proj</c> (bias on Qwen2)
/// and <c>o_proj</c>; each group of query heads shares one key/value head.
/// </summary>
internal sealed class SelfAttention : nn.Module
{
    private readonly int _heads;
    private readonly int _kvHeads;
    private readonly int _headDim;

    public SelfAttention(string name, ModelConfig config)
        : base(name)
    {
        _heads = config.NumAttentionHeads;
        _kvHeads = config.KeyValueHeads;
        _headDim = config.HeadDimension;
        QProj = new LinearProjection("q_proj", config.HiddenSize, _heads * _headDim, config.AttentionBias);
        KProj = new LinearProjection("k_proj", config.HiddenSize, _kvHeads * _headDim, config.AttentionBias);
        VProj = new LinearProjection("v_proj", config.HiddenSize, _kvHeads * _headDim, config.AttentionBias);
        OProj = new LinearProjection("o_proj", _heads * _headDim, config.HiddenSize, hasBias: false);
        register_module("q_proj", QProj);
        register_module("k_proj", KProj);
        register_module("v_proj", VProj);
        register_module("o_proj", OProj);
    }

    public LinearProjection QProj { get; }

    public LinearProjection KProj { get; }

    public LinearProjection VProj { get; }

    public LinearProjection OProj { get; }

    /// <param name="x">[batch, seq, hidden]</param>
    /// <param name="cos">rotary cos [batch, 1, seq, headDim]</param>
    /// <param name="sin">rotary sin [batch, 1, seq, headDim]</param>
    /// <param name="allowed">boolean [batch, 1, seq, past + seq]: may query i attend to key j</param>
    /// <param name="cache">past keys/values, extended in place; null for a full pass</param>
    /// <param name="layer">this layer's index in the cache</param>
    public Tensor Forward(Tensor x, Tensor cos, Tensor sin, Tensor allowed, KvCache? cache, int layer)
    {
        using var scope = NewDisposeScope();
        var batch = x.shape[0];
        var seq = x.shape[1];
        var q = QProj.Forward(x).view(batch, seq, _heads, _headDim).transpose(1, 2);
        var k = KProj.Forward(x).view(batch, seq, _kvHeads, _headDim).transpose(1, 2);
        var v = VProj.Forward(x).view(batch, seq, _kvHeads, _headDim).transpose(1, 2);
        q = RotaryEmbedding.Apply(q, cos, sin);
        k = RotaryEmbedding.Apply(k, cos, sin);
        if (cache is not null)
        {
            (k, v) = cache.Append(layer, k, v);
        }

        k = RepeatKv(k);
        v = RepeatKv(v);

        // Scores and softmax in float32 (as HF does) so bf16 weights do not saturate the mask or the normaliser.
        var scores = q.matmul(k.transpose(2, 3)).to_type(ScalarType.Float32).mul(1.0 / Math.Sqrt(_headDim));
        scores = scores.masked_fill(allowed.logical_not(), float.MinValue);
        var probabilities = scores.softmax(-1).to_type(v.dtype);
        var output = probabilities.matmul(v).transpose(1, 2).reshape(batch, seq, _heads * _headDim);
        return OProj.Forward(output).MoveToOuterDisposeScope();
    }

    private Tensor RepeatKv(Tensor kv)
    {
        var groups = _heads / _kvHeads;
        if (groups == 1)
        {
            return kv;
        }

        var (batch, length) = (kv.shape[0], kv.shape[2]);
        return kv.unsqueeze(2).expand(batch, _kvHeads, groups, length, _headDim).reshape(batch, _heads, length, _headDim);
    }
}
