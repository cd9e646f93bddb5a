using Gateway.Model.Transformer;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Gateway.Model.Encoders;

/// <summary>
/// One decoder block over encoder states, BART's names with pre-LayerNorm order (more stable than BART's post-LN
/// when trained from scratch on little data): x + self_attn(LN x), + encoder_attn(LN ·, encoder), + fc2(gelu(fc1(LN ·))).
/// </summary>
internal sealed class CrossAttentionDecoderLayer : nn.Module
{
    private readonly LayerNorm _selfNorm;
    private readonly LayerNorm _crossNorm;
    private readonly LayerNorm _finalNorm;

    public CrossAttentionDecoderLayer(string name, CrossAttentionDecoderConfig config)
        : base(name)
    {
        SelfAttention = new MultiHeadAttention("self_attn", config.HiddenSize, config.NumAttentionHeads);
        CrossAttention = new MultiHeadAttention("encoder_attn", config.HiddenSize, config.NumAttentionHeads);
        Fc1 = new LinearProjection("fc1", config.HiddenSize, config.IntermediateSize, hasBias: true);
        Fc2 = new LinearProjection("fc2", config.IntermediateSize, config.HiddenSize, hasBias: true);
        _selfNorm = nn.LayerNorm([config.HiddenSize], config.LayerNormEps);
        _crossNorm = nn.LayerNorm([config.HiddenSize], config.LayerNormEps);
        _finalNorm = nn.LayerNorm([config.HiddenSize], config.LayerNormEps);
        register_module("self_attn", SelfAttention);
        register_module("self_attn_layer_norm", _selfNorm);
        register_module("encoder_attn", CrossAttention);
        register_module("encoder_attn_layer_norm", _crossNorm);
        register_module("fc1", Fc1);
        register_module("fc2", Fc2);
        register_module("final_layer_norm", _finalNorm);
    }

    public MultiHeadAttention SelfAttention { get; }

    public MultiHeadAttention CrossAttention { get; }

    public LinearProjection Fc1 { get; }

    public LinearProjection Fc2 { get; }

    /// <param name="x">decoder states of the new positions [batch, seq, hidden]</param>
    /// <param name="selfAllowed">boolean [1 or batch, 1, seq, past + seq] (causal)</param>
    /// <param name="encoderStates">[batch, sourceLength, hidden]</param>
    /// <param name="encoderAllowed">boolean [batch, 1, 1, sourceLength]: false on encoder padding</param>
    public Tensor Forward(Tensor x, Tensor selfAllowed, Tensor encoderStates, Tensor encoderAllowed, DecoderCache? cache, int layer)
    {
        using var scope = NewDisposeScope();
        var h = _selfNorm.forward(x);
        var (k, v) = SelfAttention.KeysValues(h);
        if (cache is not null)
        {
            (k, v) = cache.AppendSelf(layer, k, v);
        }

        x = x.add(SelfAttention.Attend(h, k, v, selfAllowed));
        var (ck, cv) = cache is null
            ? CrossAttention.KeysValues(encoderStates)
            : cache.CrossOrAdd(layer, () => CrossAttention.KeysValues(encoderStates));
        x = x.add(CrossAttention.Attend(_crossNorm.forward(x), ck, cv, encoderAllowed));
        var inner = nn.functional.gelu(Fc1.Forward(_finalNorm.forward(x)));
        return x.add(Fc2.Forward(inner)).MoveToOuterDisposeScope();
    }

    public IEnumerable<(string Name, LinearProjection Projection)> Projections()
    {
        foreach (var (prefix, attention) in new[] { ("self_attn", SelfAttention), ("encoder_attn", CrossAttention) })
        {
            yield return ($"{prefix}.q_proj", attention.QProj);
            yield return ($"{prefix}.k_proj", attention.KProj);
            yield return ($"{prefix}.v_proj", attention.VProj);
            yield return ($"{prefix}.out_proj", attention.OutProj);
        }

        yield return ("fc1", Fc1);
        yield return ("fc2", Fc2);
    }
}
