using Gateway.Model.Config;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Gateway.Model.Transformer;

/// <summary>The HF <c>model</c> part: <c>embed_tokens</c>, <c>layers.N</c> and the final <c>norm</c>.</summary>
internal sealed class DecoderStack : nn.Module
{
    private readonly RmsNorm _norm;
    private readonly RotaryEmbedding _rotary;

    public DecoderStack(string name, ModelConfig config)
        : base(name)
    {
        EmbedTokens = nn.Embedding(config.VocabSize, config.HiddenSize);
        Layers = nn.ModuleList(Enumerable.Range(0, config.NumHiddenLayers)
            .Select(i => new DecoderLayer(i.ToString(System.Globalization.CultureInfo.InvariantCulture), config)).ToArray());
        _norm = new RmsNorm("norm", config.HiddenSize, config.RmsNormEps);
        _rotary = new RotaryEmbedding(config);
        register_module("embed_tokens", EmbedTokens);
        register_module("layers", Layers);
        register_module("norm", _norm);
    }

    public Embedding EmbedTokens { get; }

    public ModuleList<DecoderLayer> Layers { get; }

    /// <summary>Final hidden states [batch, seq, hidden] for <paramref name="inputIds"/> [batch, seq].</summary>
    public Tensor Forward(Tensor inputIds, Tensor? attentionMask, KvCache? cache)
    {
        using var scope = NewDisposeScope();
        var (batch, seq) = (inputIds.shape[0], inputIds.shape[1]);
        var (allowed, positions) = AttentionMasks.Build(attentionMask, batch, cache?.Length ?? 0, seq, inputIds.device);
        var h = EmbedTokens.forward(inputIds);
        var (cos, sin) = _rotary.For(positions, h.dtype);
        for (var i = 0; i < Layers.Count; i++)
        {
            h = Layers[i].Forward(h, cos, sin, allowed, cache, i);
        }

        return _norm.Forward(h).MoveToOuterDisposeScope();
    }
}
