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

    // Inference-only adapters loaded by name beside the base weights (not parameters, never trained or saved), and
    // the one applied now: several adapters share one copy of the base and are switched per request.
    private readonly Dictionary<string, NamedLora> _named = new(StringComparer.Ordinal);
    private NamedLora? _selected;

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
        if (_selected is { } named)
        {
            y = y.add(nn.functional.linear(nn.functional.linear(x, named.A), named.B).mul(named.Scaling));
        }

        if (_loraA is null || _loraB is null)
        {
            return y;
        }

        var h = _loraDropout > 0 ? nn.functional.dropout(x, _loraDropout, training) : x;
        return y.add(_loraB.forward(_loraA.forward(h)).mul(_loraScaling));
    }

    /// <summary>Keeps A [r, in] and B [out, r] (copied, in the weight's dtype) as the inference adapter <paramref name="name"/>.</summary>
    public void AddNamedLora(string name, Tensor a, Tensor b, double scaling)
    {
        if (a.shape.Length != 2 || b.shape.Length != 2 || a.shape[1] != InFeatures || b.shape[0] != OutFeatures || a.shape[0] != b.shape[1])
        {
            throw new ModelFormatException(
                $"{GetName()}: adapter '{name}' has A [{string.Join(", ", a.shape)}] and B [{string.Join(", ", b.shape)}], " +
                $"expected [r, {InFeatures}] and [{OutFeatures}, r]");
        }

        RemoveNamedLora(name);
        _named[name] = new NamedLora(
            a.to_type(Weight.dtype).clone().DetachFromDisposeScope(), b.to_type(Weight.dtype).clone().DetachFromDisposeScope(), scaling);
    }

    /// <summary>Applies adapter <paramref name="name"/> from now on (null or one this layer lacks: none).</summary>
    public void SelectNamedLora(string? name) =>
        _selected = name is not null && _named.TryGetValue(name, out var named) ? named : null;

    public void RemoveNamedLora(string name)
    {
        if (_named.Remove(name, out var old))
        {
            if (ReferenceEquals(_selected, old))
            {
                _selected = null;
            }

            old.Dispose();
        }
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

        DetachLora();
    }

    /// <summary>Drops the LoRA branch without folding it in.</summary>
    public void DetachLora()
    {
        if (_loraA is null || _loraB is null)
        {
            return;
        }

        _internal_submodules.Remove("lora_A");
        _internal_submodules.Remove("lora_B");
        _loraA.Dispose();
        _loraB.Dispose();
        _loraA = null;
        _loraB = null;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var named in _named.Values)
            {
                named.Dispose();
            }

            _named.Clear();
            _selected = null;
        }

        base.Dispose(disposing);
    }

    private sealed class NamedLora(Tensor a, Tensor b, double scaling) : IDisposable
    {
        public Tensor A { get; } = a;

        public Tensor B { get; } = b;

        public double Scaling { get; } = scaling;

        public void Dispose()
        {
            A.Dispose();
            B.Dispose();
        }
    }
}
