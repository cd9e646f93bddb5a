using Gateway.Model.Transformer;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Gateway.Model.Encoders;

/// <summary>
/// HF's <c>attention.output</c> and <c>output</c> (BertSelfOutput, BertOutput): LayerNorm(dense(x) + residual),
/// the post-LayerNorm step that closes each half of a BERT block.
/// </summary>
internal sealed class DenseResidualNorm : nn.Module
{
    private readonly LayerNorm _norm;

    public DenseResidualNorm(string name, long inFeatures, long outFeatures, double eps)
        : base(name)
    {
        Dense = new LinearProjection("dense", inFeatures, outFeatures, hasBias: true);
        _norm = nn.LayerNorm([outFeatures], eps);
        register_module("dense", Dense);
        register_module("LayerNorm", _norm);
    }

    public LinearProjection Dense { get; }

    public Tensor Forward(Tensor x, Tensor residual)
    {
        using var scope = NewDisposeScope();
        return _norm.forward(Dense.Forward(x).add(residual)).MoveToOuterDisposeScope();
    }
}
