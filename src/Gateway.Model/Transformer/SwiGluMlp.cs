using Gateway.Model.Config;
using static TorchSharp.torch;

namespace Gateway.Model.Transformer;

/// <summary>The gated feed-forward block: down_proj(silu(gate_proj(x)) · up_proj(x)).</summary>
internal sealed class SwiGluMlp : nn.Module
{
    public SwiGluMlp(string name, ModelConfig config)
        : base(name)
    {
        GateProj = new LinearProjection("gate_proj", config.HiddenSize, config.IntermediateSize, hasBias: false);
        UpProj = new LinearProjection("up_proj", config.HiddenSize, config.IntermediateSize, hasBias: false);
        DownProj = new LinearProjection("down_proj", config.IntermediateSize, config.HiddenSize, hasBias: false);
        register_module("gate_proj", GateProj);
        register_module("up_proj", UpProj);
        register_module("down_proj", DownProj);
    }

    public LinearProjection GateProj { get; }

    public LinearProjection UpProj { get; }

    public LinearProjection DownProj { get; }

    public Tensor Forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var gated = nn.functional.silu(GateProj.Forward(x)).mul(UpProj.Forward(x));
        return DownProj.Forward(gated).MoveToOuterDisposeScope();
    }
}
