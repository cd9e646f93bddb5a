using Gateway.Model.Encoders;
using static TorchSharp.torch;

namespace Gateway.Model.Tests.Encoders;

/// <summary>A tiny random BERT (2 layers, hidden 16, 4 heads) with every parameter random, LayerNorm included.</summary>
internal static class TinyBert
{
    public static BertConfig Config() => new()
    {
        VocabSize = 40,
        HiddenSize = 16,
        NumHiddenLayers = 2,
        NumAttentionHeads = 4,
        IntermediateSize = 24,
        MaxPositionEmbeddings = 32,
        TypeVocabSize = 2,
        LayerNormEps = 1e-12,
    };

    public static BertEncoder Create(long seed = 3)
    {
        var encoder = BertEncoder.Create(Config(), seed, std: 0.2);
        using var generator = new Generator((ulong)seed + 1);
        using var noGrad = no_grad();
        foreach (var (name, p) in encoder.Module.named_parameters())
        {
            if (name.EndsWith(".bias", StringComparison.Ordinal))
            {
                p.normal_(0, 0.2, generator);
            }
            else if (name.EndsWith("LayerNorm.weight", StringComparison.Ordinal))
            {
                p.uniform_(0.5, 1.5, generator);
            }
        }

        return encoder;
    }
}
