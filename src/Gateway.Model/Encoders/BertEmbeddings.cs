using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Gateway.Model.Encoders;

/// <summary>HF <c>embeddings</c>: word + absolute position + token type, then LayerNorm (dropout omitted: inference and LoRA only).</summary>
internal sealed class BertEmbeddings : nn.Module
{
    private readonly Embedding _word;
    private readonly Embedding _position;
    private readonly Embedding _tokenType;
    private readonly LayerNorm _norm;

    public BertEmbeddings(string name, BertConfig config)
        : base(name)
    {
        _word = nn.Embedding(config.VocabSize, config.HiddenSize);
        _position = nn.Embedding(config.MaxPositionEmbeddings, config.HiddenSize);
        _tokenType = nn.Embedding(config.TypeVocabSize, config.HiddenSize);
        _norm = nn.LayerNorm([config.HiddenSize], config.LayerNormEps);
        register_module("word_embeddings", _word);
        register_module("position_embeddings", _position);
        register_module("token_type_embeddings", _tokenType);
        register_module("LayerNorm", _norm);
    }

    /// <param name="inputIds">[batch, seq] int64</param>
    /// <param name="tokenTypeIds">[batch, seq] int64</param>
    public Tensor Forward(Tensor inputIds, Tensor tokenTypeIds)
    {
        using var scope = NewDisposeScope();
        var seq = inputIds.shape[1];
        // BERT counts positions from 0 whatever the padding: it pads on the right, so real tokens keep their places.
        var positions = arange(seq, dtype: ScalarType.Int64, device: inputIds.device).unsqueeze(0);
        var h = _word.forward(inputIds).add(_position.forward(positions)).add(_tokenType.forward(tokenTypeIds));
        return _norm.forward(h).MoveToOuterDisposeScope();
    }
}
