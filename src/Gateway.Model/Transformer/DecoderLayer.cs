using Gateway.Model.Config;
using static TorchSharp.torch;

namespace Gateway.Model.Transformer;

/// <summary>One pre-norm block: x + attn(norm(x)), then + mlp(norm(·)).</summary>
internal sealed class DecoderLayer : nn.Module
{
    private readonly RmsNorm _inputNorm;
    private readonly RmsNorm _postAttentionNorm;

    public DecoderLayer(string name, ModelConfig config)
        : base(name)
    {
        _inputNorm = new RmsNorm("input_layernorm", config.HiddenSize, config.RmsNormEps);
        Attention = new SelfAttention("self_attn", config);
        _postAttentionNorm = new RmsNorm("post_attention_layernorm", config.HiddenSize, config.RmsNormEps);
        Mlp = new SwiGluMlp("mlp", config);
        register_module("input_layernorm", _inputNorm);
        register_module("self_attn", Attention);
        register_module("post_attention_layernorm", _postAttentionNorm);
        register_module("mlp", Mlp);
    }

    public SelfAttention Attention { get; }

    public SwiGluMlp Mlp { get; }

    public Tensor Forward(Tensor x, Tensor cos, Tensor sin, Tensor allowed, KvCache? cache, int layer)
    {
        using var scope = NewDisposeScope();
        var h = x.add(Attention.Forward(_inputNorm.Forward(x), cos, sin, allowed, cache, layer));
        return h.add(Mlp.Forward(_postAttentionNorm.Forward(h))).MoveToOuterDisposeScope();
    }

    /// <summary>A projection's HF path inside the layer: <c>self_attn.q_proj</c>, <c>mlp.down_proj</c>.</summary>
    public static string PathOf(string shortName) =>
        shortName is "gate_proj" or "up_proj" or "down_proj" ? "mlp." + shortName : "self_attn." + shortName;

    /// <summary>The linear projections by their HF short names (q_proj ... down_proj), for attaching LoRA.</summary>
    public IEnumerable<(string Name, LinearProjection Projection)> Projections()
    {
        yield return ("q_proj", Attention.QProj);
        yield return ("k_proj", Attention.KProj);
        yield return ("v_proj", Attention.VProj);
        yield return ("o_proj", Attention.OProj);
        yield return ("gate_proj", Mlp.GateProj);
        yield return ("up_proj", Mlp.UpProj);
        yield return ("down_proj", Mlp.DownProj);
    }
}
