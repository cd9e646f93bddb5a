using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Gateway.Model.Transformer;

/// <summary>Root-mean-square layer norm with a learned scale (<c>weight</c>), computed in float32 as HF does.</summary>
internal sealed class RmsNorm : nn.Module
{
    private readonly double _eps;

    public RmsNorm(string name, long size, double eps)
        : base(name)
    {
        _eps = eps;
        register_parameter("weight", new Parameter(ones(size)));
    }

    // Looked up on each use, not cached in a field: Module.to(dtype) swaps in new Parameter objects.
    private Parameter Weight => _internal_params["weight"];

    public Tensor Forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = x.to_type(ScalarType.Float32);
        var variance = h.pow(2).mean([-1], keepdim: true);
        h = h.mul(variance.add(_eps).rsqrt());
        return Weight.mul(h.to_type(x.dtype)).MoveToOuterDisposeScope();
    }
}
