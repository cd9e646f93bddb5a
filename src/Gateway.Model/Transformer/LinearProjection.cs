using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Gateway.Model.Transformer;

/// <summary>
/// A linear layer (<c>weight</c> [out, in], optional <c>bias</c>) that can carry a LoRA branch as the submodules
/// <c>lora_A</c> [r, in] and <c>lora_B</c> [out, r], so parameter names match Hugging Face and PEFT:
/// y = x Wᵀ + b + scaling · B(A(dropout(x))).
/// </summary>
internal sealed class LinearProjection : nn.Module
{
    private Linear? _loraA;
    private Linear? _loraB;
    private double _loraScaling;
    private double _loraDropout;

    public LinearProjection(string name, long inFeatures, long outFeatures, bool hasBias)
        : base(name)
    {
        register_parameter("weight", new Parameter(empty(outFeatures, inFeatures)));
        if (hasBias)
        {
            register_parameter("bias", new Parameter(zeros(outFeatures)));
        }
    }

    // Looked up on each use, not cached in fields: Module.to(dtype) swaps in new Parameter objects.
    private Parameter Weight => _internal_params["weight"];

    private Parameter? Bias => _internal_params.TryGetValue("bias", out var bias) ? bias : null;

    public long InFeatures => Weight.shape[1];

    public long OutFeatures => Weight.shape[0];

    public bool HasLora => _loraA is not null;

    public Tensor Forward(Tensor x)
    {
        var y = nn.functional.linear(x, Weight, Bias);
        if (_loraA is null || _loraB is null)
        {
            return y;
        }

        var h = _loraDropout > 0 ? nn.functional.dropout(x, _loraDropout, training) : x;
        return y.add(_loraB.forward(_loraA.forward(h)).mul(_loraScaling));
    }

    /// <summary>
    /// Adds a LoRA branch: A Kaiming-uniform (as PEFT does), B zero so the layer's output is unchanged until trained.
    /// </summary>
    public void AttachLora(int rank, double scaling, double dropout, Generator? generator = null)
    {
        if (HasLora)
        {
            throw new InvalidOperationException($"{GetName()} already has a LoRA branch");
        }

        var a = nn.Linear(InFeatures, rank, hasBias: false, dtype: Weight.dtype);
        var b = nn.Linear(rank, OutFeatures, hasBias: false, dtype: Weight.dtype);
        using (no_grad())
        {
            // kaiming_uniform_(a=sqrt(5)) on [r, in] is U(-1/sqrt(in), 1/sqrt(in)).
            var bound = 1.0 / Math.Sqrt(InFeatures);
            a.weight!.uniform_(-bound, bound, generator);
            b.weight!.zero_();
        }

        _loraA = a;
        _loraB = b;
        _loraScaling = scaling;
        _loraDropout = dropout;
        register_module("lora_A", a);
        register_module("lora_B", b);
    }

    /// <summary>Folds scaling · B·A into the weight and drops the branch; outputs stay the same (up to rounding).</summary>
    public void MergeLora()
    {
        if (_loraA is null || _loraB is null)
        {
            return;
        }

        using (no_grad())
        {
            using var delta = _loraB.weight!.matmul(_loraA.weight!).mul(_loraScaling);
            Weight.add_(delta.to_type(Weight.dtype));
        }

        _internal_submodules.Remove("lora_A");
        _internal_submodules.Remove("lora_B");
        _loraA.Dispose();
        _loraB.Dispose();
        _loraA = null;
        _loraB = null;
    }
}
