using Gateway.Model.Transformer;
using static TorchSharp.torch;

namespace Gateway.Model.Lora;

/// <summary>Attaches LoRA branches to the chosen projections of every layer.</summary>
internal static class LoraInjection
{
    public static void Attach(CausalLmModule module, LoraOptions options, Generator? generator = null)
    {
        var unknown = options.TargetModules.Except(module.Model.Layers[0].Projections().Select(p => p.Name), StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new ModelFormatException($"LoRA target modules not in the model: {string.Join(", ", unknown)}");
        }

        if (options.Rank <= 0)
        {
            throw new ModelFormatException($"LoRA rank must be positive, got {options.Rank}");
        }

        foreach (var layer in module.Model.Layers)
        {
            foreach (var (name, projection) in layer.Projections())
            {
                if (options.TargetModules.Contains(name, StringComparer.Ordinal))
                {
                    projection.AttachLora(options.Rank, options.Scaling, options.Dropout, generator);
                }
            }
        }
    }

    public static void Merge(CausalLmModule module)
    {
        foreach (var layer in module.Model.Layers)
        {
            foreach (var (_, projection) in layer.Projections())
            {
                projection.MergeLora();
            }
        }
    }
}
