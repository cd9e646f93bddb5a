using static TorchSharp.torch;

namespace Gateway.Model;

/// <summary>
/// Hugging Face's initialisation for models built from scratch: every weight normal(0, std), norm scales one
/// (<c>input_layernorm.weight</c>, <c>LayerNorm.weight</c>, ...), biases zero. Seeded, so a seed gives one model.
/// </summary>
internal static class RandomWeights
{
    public static void Initialize(nn.Module module, long seed, double std)
    {
        using var generator = new Generator((ulong)seed);
        using (no_grad())
        {
            foreach (var (name, parameter) in module.named_parameters())
            {
                if (name.EndsWith("norm.weight", StringComparison.OrdinalIgnoreCase))
                {
                    parameter.fill_(1);
                }
                else if (name.EndsWith(".bias", StringComparison.Ordinal))
                {
                    parameter.zero_();
                }
                else
                {
                    parameter.normal_(0, std, generator);
                }
            }
        }
    }
}
