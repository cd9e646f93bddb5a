using Gateway.Model.Config;
using static TorchSharp.torch;

namespace Gateway.Model.Tests;

/// <summary>Tiny random models for tests: small enough to run in milliseconds, large enough to exercise GQA.</summary>
internal static class TinyModels
{
    public static ModelConfig Qwen2Config(bool tied = false) => new()
    {
        ModelType = "qwen2",
        VocabSize = 61,
        HiddenSize = 32,
        IntermediateSize = 48,
        NumHiddenLayers = 2,
        NumAttentionHeads = 4,
        NumKeyValueHeads = 2,
        RmsNormEps = 1e-6,
        RopeTheta = 10000,
        MaxPositionEmbeddings = 128,
        TieWordEmbeddings = tied,
        TorchDType = "float32",
        EosTokenIds = [1],
    };

    /// <summary>A random model with weights large enough (std 0.2) that logits differ clearly between tokens.</summary>
    public static CausalLm Create(ModelConfig? config = null, long seed = 7)
    {
        var model = CausalLm.Create(config ?? Qwen2Config(), seed, std: 0.2);
        // Biases and norm scales random too, so loading them by the wrong name would show.
        using var generator = new Generator((ulong)seed + 1);
        using (no_grad())
        {
            foreach (var (name, p) in model.Module.named_parameters())
            {
                if (name.EndsWith(".bias", StringComparison.Ordinal))
                {
                    p.normal_(0, 0.2, generator);
                }
                else if (name.EndsWith("norm.weight", StringComparison.Ordinal))
                {
                    p.uniform_(0.5, 1.5, generator);
                }
            }
        }

        return model;
    }

    /// <summary>Randomises every LoRA B (zero after attaching) so the adapter changes outputs.</summary>
    public static void RandomizeLoraB(CausalLm model, long seed = 11)
    {
        using var generator = new Generator((ulong)seed);
        using var noGrad = no_grad();
        foreach (var (name, p) in model.Module.LoraParameters())
        {
            if (name.Contains("lora_B", StringComparison.Ordinal))
            {
                p.normal_(0, 0.3, generator);
            }
        }
    }

    public static Tensor Ids(params long[] ids) => tensor(ids, dtype: ScalarType.Int64).unsqueeze(0);

    public static float MaxAbsDiff(Tensor a, Tensor b)
    {
        using var d = a.sub(b).abs().max();
        return d.item<float>();
    }
}
