using Gateway.Model.Transformer;
using static TorchSharp.torch;

namespace Gateway.Model.Encoders;

/// <summary>HF <c>attention.self</c>: bidirectional multi-head attention with <c>query</c>, <c>key</c>, <c>value</c>.</summary>
internal sealed class BertSelfAttention : nn.Module
{
    private readonly int _heads;
    private readonly int _headDim;

    public BertSelfAttention(string name, BertConfig config)
        : base(name)
    {
        _heads = config.NumAttentionHeads;
        _headDim = config.HeadDimension;
        Query = new LinearProjection("query", config.HiddenSize, config.HiddenSize, hasBias: true);
        Key = new LinearProjection("key", config.HiddenSize, config.HiddenSize, hasBias: true);
        Value = new LinearProjection("value", config.HiddenSize, config.HiddenSize, hasBias: true);
        register_module("query", Query);
        register_module("key", Key);
        register_module("value", Value);
    }

    public LinearProjection Query { get; }

    public LinearProjection Key { get; }

    public LinearProjection Value { get; }

    /// <param name="x">[batch, seq, hidden]</param>
    /// <param name="allowed">boolean [batch, 1, 1, seq]: true where the key is a real token</param>
    public Tensor Forward(Tensor x, Tensor allowed)
    {
        using var scope = NewDisposeScope();
        var (batch, seq) = (x.shape[0], x.shape[1]);
        var q = Query.Forward(x).view(batch, seq, _heads, _headDim).transpose(1, 2);
        var k = Key.Forward(x).view(batch, seq, _heads, _headDim).transpose(1, 2);
        var v = Value.Forward(x).view(batch, seq, _heads, _headDim).transpose(1, 2);
        return ScaledAttention.Compute(q, k, v, allowed).transpose(1, 2).reshape(batch, seq, _heads * _headDim).MoveToOuterDisposeScope();
    }
}
