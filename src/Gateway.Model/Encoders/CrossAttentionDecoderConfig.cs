namespace Gateway.Model.Encoders;

/// <summary>The shape of a small decoder stacked on a <see cref="BertEncoder"/>.</summary>
public sealed record CrossAttentionDecoderConfig
{
    public int VocabSize { get; init; } = 30522;

    /// <summary>Must equal the encoder's hidden size (cross-attention keys/values are projected from its states).</summary>
    public int HiddenSize { get; init; } = 384;

    public int NumLayers { get; init; } = 2;

    public int NumAttentionHeads { get; init; } = 6;

    public int IntermediateSize { get; init; } = 1536;

    /// <summary>Longest output (learned positions). Default 256.</summary>
    public int MaxPositions { get; init; } = 256;

    public double LayerNormEps { get; init; } = 1e-5;

    public int HeadDimension => HiddenSize / NumAttentionHeads;

    public void Validate()
    {
        if (HiddenSize <= 0 || NumLayers <= 0 || VocabSize <= 0 || IntermediateSize <= 0 || MaxPositions <= 0
            || NumAttentionHeads <= 0 || HiddenSize % NumAttentionHeads != 0)
        {
            throw new ModelFormatException($"invalid decoder config: {this}");
        }
    }
}
