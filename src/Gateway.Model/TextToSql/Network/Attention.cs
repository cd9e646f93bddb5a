using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Gateway.Model.TextToSql.Network;

/// <summary>Multi-head attention with an optional additive bias per head (the relation biases of the linking encoder).</summary>
internal sealed class Attention : nn.Module
{
    private readonly int _heads;
    private readonly int _headDim;
    private readonly Linear _query;
    private readonly Linear _key;
    private readonly Linear _value;
    private readonly Linear _output;
    private readonly Dropout _dropout;

    public Attention(string name, int dim, int heads, double dropout)
        : base(name)
    {
        _heads = heads;
        _headDim = dim / heads;
        _query = nn.Linear(dim, dim);
        _key = nn.Linear(dim, dim);
        _value = nn.Linear(dim, dim);
        _output = nn.Linear(dim, dim);
        _dropout = nn.Dropout(dropout);
        register_module("query", _query);
        register_module("key", _key);
        register_module("value", _value);
        register_module("output", _output);
        register_module("dropout", _dropout);
    }

    /// <param name="queries">[batch, q, dim]</param>
    /// <param name="keys">[batch, k, dim]</param>
    /// <param name="allowed">boolean, broadcastable to [batch, heads, q, k]</param>
    /// <param name="bias">null or [batch, heads, q, k], added to the scores</param>
    public Tensor Forward(Tensor queries, Tensor keys, Tensor allowed, Tensor? bias)
    {
        using var scope = NewDisposeScope();
        var q = Heads(_query.forward(queries));
        var k = Heads(_key.forward(keys));
        var v = Heads(_value.forward(keys));
        var scores = q.matmul(k.transpose(2, 3)).mul(1.0 / Math.Sqrt(_headDim));
        if (bias is not null)
        {
            scores = scores.add(bias);
        }

        // Finite, not -inf: a row with no allowed key (padding) averages instead of producing NaN.
        scores = scores.masked_fill(allowed.logical_not(), -1e9f);
        var weights = _dropout.forward(scores.softmax(-1));
        var mixed = weights.matmul(v).transpose(1, 2).reshape(queries.shape[0], queries.shape[1], _heads * _headDim);
        return _output.forward(mixed).MoveToOuterDisposeScope();
    }

    private Tensor Heads(Tensor x) => x.view(x.shape[0], x.shape[1], _heads, _headDim).transpose(1, 2);
}

/// <summary>Two linear layers with GELU between them.</summary>
internal sealed class FeedForward : nn.Module
{
    private readonly Linear _in;
    private readonly Linear _out;
    private readonly Dropout _dropout;

    public FeedForward(string name, int dim, int hidden, double dropout)
        : base(name)
    {
        _in = nn.Linear(dim, hidden);
        _out = nn.Linear(hidden, dim);
        _dropout = nn.Dropout(dropout);
        register_module("in", _in);
        register_module("out", _out);
        register_module("dropout", _dropout);
    }

    public Tensor Forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return _out.forward(_dropout.forward(nn.functional.gelu(_in.forward(x)))).MoveToOuterDisposeScope();
    }
}

/// <summary>A pre-norm self-attention layer over the linking sequence, with relation biases per head.</summary>
internal sealed class LinkingLayer : nn.Module
{
    private readonly LayerNorm _attentionNorm;
    private readonly Attention _attention;
    private readonly LayerNorm _feedForwardNorm;
    private readonly FeedForward _feedForward;
    private readonly Embedding _relationBias;
    private readonly Dropout _dropout;

    public LinkingLayer(string name, PointerNetworkConfig config)
        : base(name)
    {
        _attentionNorm = nn.LayerNorm(config.Dim);
        _attention = new Attention("attention", config.Dim, config.Heads, config.Dropout);
        _feedForwardNorm = nn.LayerNorm(config.Dim);
        _feedForward = new FeedForward("feed_forward", config.Dim, config.FeedForward, config.Dropout);
        _relationBias = nn.Embedding(ItemRelations.Count, config.Heads);
        _dropout = nn.Dropout(config.Dropout);
        register_module("attention_norm", _attentionNorm);
        register_module("attention", _attention);
        register_module("feed_forward_norm", _feedForwardNorm);
        register_module("feed_forward", _feedForward);
        register_module("relation_bias", _relationBias);
        register_module("dropout", _dropout);
    }

    /// <param name="x">[batch, items, dim]</param>
    /// <param name="relations">[batch, items, items] relation ids</param>
    /// <param name="allowed">[batch, 1, 1, items]: real (not padding) items</param>
    public Tensor Forward(Tensor x, Tensor relations, Tensor allowed)
    {
        using var scope = NewDisposeScope();
        var bias = _relationBias.forward(relations).permute(0, 3, 1, 2);
        var h = _attentionNorm.forward(x);
        x = x.add(_dropout.forward(_attention.Forward(h, h, allowed, bias)));
        x = x.add(_dropout.forward(_feedForward.Forward(_feedForwardNorm.forward(x))));
        return x.MoveToOuterDisposeScope();
    }
}

/// <summary>A pre-norm decoder layer: causal self-attention over the actions so far, cross-attention to the linked items.</summary>
internal sealed class ActionDecoderLayer : nn.Module
{
    private readonly LayerNorm _selfNorm;
    private readonly Attention _self;
    private readonly LayerNorm _crossNorm;
    private readonly Attention _cross;
    private readonly LayerNorm _feedForwardNorm;
    private readonly FeedForward _feedForward;
    private readonly Dropout _dropout;

    public ActionDecoderLayer(string name, PointerNetworkConfig config)
        : base(name)
    {
        _selfNorm = nn.LayerNorm(config.Dim);
        _self = new Attention("self_attention", config.Dim, config.Heads, config.Dropout);
        _crossNorm = nn.LayerNorm(config.Dim);
        _cross = new Attention("cross_attention", config.Dim, config.Heads, config.Dropout);
        _feedForwardNorm = nn.LayerNorm(config.Dim);
        _feedForward = new FeedForward("feed_forward", config.Dim, config.FeedForward, config.Dropout);
        _dropout = nn.Dropout(config.Dropout);
        register_module("self_norm", _selfNorm);
        register_module("self_attention", _self);
        register_module("cross_norm", _crossNorm);
        register_module("cross_attention", _cross);
        register_module("feed_forward_norm", _feedForwardNorm);
        register_module("feed_forward", _feedForward);
        register_module("dropout", _dropout);
    }

    /// <param name="x">[batch, steps, dim]</param>
    /// <param name="causal">[1, 1, steps, steps] boolean</param>
    /// <param name="memory">[batch, items, dim]</param>
    /// <param name="memoryAllowed">[batch, 1, 1, items]</param>
    public Tensor Forward(Tensor x, Tensor causal, Tensor memory, Tensor memoryAllowed)
    {
        using var scope = NewDisposeScope();
        var h = _selfNorm.forward(x);
        x = x.add(_dropout.forward(_self.Forward(h, h, causal, null)));
        x = x.add(_dropout.forward(_cross.Forward(_crossNorm.forward(x), memory, memoryAllowed, null)));
        x = x.add(_dropout.forward(_feedForward.Forward(_feedForwardNorm.forward(x))));
        return x.MoveToOuterDisposeScope();
    }
}
