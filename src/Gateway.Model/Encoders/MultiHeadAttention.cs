using Gateway.Model.Transformer;
using static TorchSharp.torch;

namespace Gateway.Model.Encoders;

/// <summary>
/// Attention with BART's names (<c>q_proj</c>, <c>k_proj</c>, <c>v_proj</c>, <c>out_proj</c>, all with bias), used
/// for both the decoder's self-attention and its cross-attention; keys and values are projected separately so a
/// cache can keep them.
/// </summary>
internal sealed class MultiHeadAttention : nn.Module
{
    private readonly int _heads;
    private readonly int _headDim;

    public MultiHeadAttention(string name, int hidden, int heads)
        : base(name)
    {
        _heads = heads;
        _headDim = hidden / heads;
        QProj = new LinearProjection("q_proj", hidden, hidden, hasBias: true);
        KProj = new LinearProjection("k_proj", hidden, hidden, hasBias: true);
        VProj = new LinearProjection("v_proj", hidden, hidden, hasBias: true);
        OutProj = new LinearProjection("out_proj", hidden, hidden, hasBias: true);
        register_module("q_proj", QProj);
        register_module("k_proj", KProj);
        register_module("v_proj", VProj);
        register_module("out_proj", OutProj);
    }

    public LinearProjection QProj { get; }

    public LinearProjection KProj { get; }

    public LinearProjection VProj { get; }

    public LinearProjection OutProj { get; }

    /// <summary>Keys and values [batch, heads, seq, headDim] of <paramref name="x"/> [batch, seq, hidden].</summary>
    public (Tensor Keys, Tensor Values) KeysValues(Tensor x)
    {
        using var scope = NewDisposeScope();
        var k = Heads(KProj.Forward(x));
        var v = Heads(VProj.Forward(x));
        return (k.MoveToOuterDisposeScope(), v.MoveToOuterDisposeScope());
    }

    /// <summary>Attends the queries of <paramref name="x"/> to the given keys/values; output [batch, seq, hidden].</summary>
    public Tensor Attend(Tensor x, Tensor keys, Tensor values, Tensor allowed)
    {
        using var scope = NewDisposeScope();
        var (batch, seq) = (x.shape[0], x.shape[1]);
        var output = ScaledAttention.Compute(Heads(QProj.Forward(x)), keys, values, allowed);
        return OutProj.Forward(output.transpose(1, 2).reshape(batch, seq, _heads * _headDim)).MoveToOuterDisposeScope();
    }

    private Tensor Heads(Tensor x) => x.view(x.shape[0], x.shape[1], _heads, _headDim).transpose(1, 2);
}
