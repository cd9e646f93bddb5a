using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Gateway.Model.Encoders;

/// <summary>
/// The decoder stack (BART's names): <c>embed_tokens</c>, learned <c>embed_positions</c>, <c>layers.N</c> and a
/// final <c>layer_norm</c>; the output head is tied to <c>embed_tokens</c>.
/// </summary>
internal sealed class CrossAttentionDecoderModule : nn.Module
{
    private readonly Embedding _positions;
    private readonly LayerNorm _norm;

    public CrossAttentionDecoderModule(CrossAttentionDecoderConfig config)
        : base("CrossAttentionDecoder")
    {
        config.Validate();
        Config = config;
        EmbedTokens = nn.Embedding(config.VocabSize, config.HiddenSize);
        _positions = nn.Embedding(config.MaxPositions, config.HiddenSize);
        Layers = nn.ModuleList(Enumerable.Range(0, config.NumLayers)
            .Select(i => new CrossAttentionDecoderLayer(i.ToString(System.Globalization.CultureInfo.InvariantCulture), config)).ToArray());
        _norm = nn.LayerNorm([config.HiddenSize], config.LayerNormEps);
        register_module("embed_tokens", EmbedTokens);
        register_module("embed_positions", _positions);
        register_module("layers", Layers);
        register_module("layer_norm", _norm);
    }

    public CrossAttentionDecoderConfig Config { get; }

    public Embedding EmbedTokens { get; }

    public ModuleList<CrossAttentionDecoderLayer> Layers { get; }

    /// <summary>Logits [batch, seq, vocab] for the new decoder ids [batch, seq] (right-padded, never left).</summary>
    public Tensor Forward(Tensor inputIds, Tensor encoderStates, Tensor? encoderMask, DecoderCache? cache)
    {
        using var scope = NewDisposeScope();
        var (batch, seq) = (inputIds.shape[0], inputIds.shape[1]);
        var past = cache?.Length ?? 0;
        if (past + seq > Config.MaxPositions)
        {
            throw new ArgumentException($"decoder length {past + seq} exceeds {Config.MaxPositions} positions", nameof(inputIds));
        }

        var sourceLength = encoderStates.shape[1];
        var encoderAllowed = encoderMask is null
            ? ones(batch, 1, 1, sourceLength, dtype: ScalarType.Bool, device: inputIds.device)
            : encoderMask.ne(0).view(batch, 1, 1, sourceLength);
        // Query i (absolute position past + i) sees keys 0..past + i. Right padding needs no extra mask: real tokens
        // never look ahead, and what padded positions compute is ignored by the loss.
        var queries = arange(past, past + seq, dtype: ScalarType.Int64, device: inputIds.device).view(seq, 1);
        var keys = arange(past + seq, dtype: ScalarType.Int64, device: inputIds.device).view(1, past + seq);
        var selfAllowed = keys.le(queries).view(1, 1, seq, past + seq);

        var positions = arange(past, past + seq, dtype: ScalarType.Int64, device: inputIds.device).unsqueeze(0);
        var h = EmbedTokens.forward(inputIds).add(_positions.forward(positions));
        for (var i = 0; i < Layers.Count; i++)
        {
            h = Layers[i].Forward(h, selfAllowed, encoderStates, encoderAllowed, cache, i);
        }

        h = _norm.forward(h);
        return nn.functional.linear(h, EmbedTokens.weight!).MoveToOuterDisposeScope();
    }
}
