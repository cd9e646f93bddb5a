using Gateway.Model.Transformer;
using static TorchSharp.torch;

namespace Gateway.Model.Encoders;

/// <summary>
/// One post-LayerNorm BERT block, named as HF names it: <c>attention.self.{query,key,value}</c>,
/// <c>attention.output.{dense,LayerNorm}</c>, <c>intermediate.dense</c>, <c>output.{dense,LayerNorm}</c>.
/// </summary>
internal sealed class BertLayer : nn.Module
{
    public BertLayer(string name, BertConfig config)
        : base(name)
    {
        SelfAttention = new BertSelfAttention("self", config);
        AttentionOutput = new DenseResidualNorm("output", config.HiddenSize, config.HiddenSize, config.LayerNormEps);
        var attention = new ModuleGroup("attention");
        attention.Add("self", SelfAttention);
        attention.Add("output", AttentionOutput);
        Intermediate = new LinearProjection("dense", config.HiddenSize, config.IntermediateSize, hasBias: true);
        var intermediate = new ModuleGroup("intermediate");
        intermediate.Add("dense", Intermediate);
        Output = new DenseResidualNorm("output", config.IntermediateSize, config.HiddenSize, config.LayerNormEps);
        register_module("attention", attention);
        register_module("intermediate", intermediate);
        register_module("output", Output);
    }

    public BertSelfAttention SelfAttention { get; }

    public DenseResidualNorm AttentionOutput { get; }

    public LinearProjection Intermediate { get; }

    public DenseResidualNorm Output { get; }

    public Tensor Forward(Tensor x, Tensor allowed)
    {
        using var scope = NewDisposeScope();
        var h = AttentionOutput.Forward(SelfAttention.Forward(x, allowed), x);
        // HF "gelu" is the exact erf form, which is TorchSharp's default gelu.
        var inner = nn.functional.gelu(Intermediate.Forward(h));
        return Output.Forward(inner, h).MoveToOuterDisposeScope();
    }

    /// <summary>The linear projections by HF path inside the layer, for attaching LoRA by short name.</summary>
    public IEnumerable<(string Name, LinearProjection Projection)> Projections()
    {
        yield return ("query", SelfAttention.Query);
        yield return ("key", SelfAttention.Key);
        yield return ("value", SelfAttention.Value);
        yield return ("attention.output.dense", AttentionOutput.Dense);
        yield return ("intermediate.dense", Intermediate);
        yield return ("output.dense", Output.Dense);
    }
}
