using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Model.Safetensors;
using Gateway.Model.Transformer;

namespace Gateway.Model.Lora;

/// <summary>
/// Reads and writes a LoRA adapter in PEFT's layout: <c>adapter_config.json</c> plus
/// <c>adapter_model.safetensors</c> with names like <c>base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight</c>.
/// </summary>
internal static class PeftAdapter
{
    public const string ConfigFileName = "adapter_config.json";
    public const string WeightsFileName = "adapter_model.safetensors";
    private const string Prefix = "base_model.model.";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Save(CausalLmModule module, LoraOptions options, string directory, string? baseModel = null)
    {
        Directory.CreateDirectory(directory);
        var config = new JsonObject
        {
            ["peft_type"] = "LORA",
            ["task_type"] = "CAUSAL_LM",
            ["base_model_name_or_path"] = baseModel,
            ["r"] = options.Rank,
            ["lora_alpha"] = options.Alpha,
            ["lora_dropout"] = options.Dropout,
            ["target_modules"] = new JsonArray(options.TargetModules.Select(t => (JsonNode)JsonValue.Create(t)!).ToArray()),
            ["use_rslora"] = options.UseRsLora,
            ["bias"] = "none",
            ["fan_in_fan_out"] = false,
            ["inference_mode"] = true,
        };
        File.WriteAllText(Path.Combine(directory, ConfigFileName), config.ToJsonString(Indented));
        var tensors = module.LoraParameters().Select(p => p.Parameter.ToTensorData(Prefix + p.Name)).ToList();
        SafetensorsFile.Write(Path.Combine(directory, WeightsFileName), tensors, new Dictionary<string, string> { ["format"] = "pt" });
    }

    public static LoraOptions ReadOptions(string directory)
    {
        var path = Path.Combine(directory, ConfigFileName);
        if (!File.Exists(path))
        {
            throw new ModelFormatException($"{directory}: {ConfigFileName} not found");
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var root = doc.RootElement;
            if (root.TryGetProperty("peft_type", out var type) && type.GetString() != "LORA")
            {
                throw new ModelFormatException($"{path}: peft_type '{type.GetString()}' is not LORA");
            }

            if (root.TryGetProperty("bias", out var bias) && bias.GetString() is { } b && b != "none")
            {
                throw new ModelFormatException($"{path}: bias '{b}' is not supported (only none)");
            }

            if (root.TryGetProperty("fan_in_fan_out", out var fan) && fan.ValueKind == JsonValueKind.True)
            {
                throw new ModelFormatException($"{path}: fan_in_fan_out adapters are not supported");
            }

            var targets = root.GetProperty("target_modules");
            if (targets.ValueKind != JsonValueKind.Array)
            {
                throw new ModelFormatException($"{path}: target_modules must be a list of module names");
            }

            return new LoraOptions
            {
                Rank = root.GetProperty("r").GetInt32(),
                Alpha = root.GetProperty("lora_alpha").GetDouble(),
                Dropout = root.TryGetProperty("lora_dropout", out var d) ? d.GetDouble() : 0,
                TargetModules = targets.EnumerateArray().Select(t => t.GetString() ?? "").ToList(),
                UseRsLora = root.TryGetProperty("use_rslora", out var rs) && rs.ValueKind == JsonValueKind.True,
            };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new ModelFormatException($"{path}: malformed adapter config: {e.Message}", e);
        }
    }

    /// <summary>Copies the adapter's A and B matrices into a module whose LoRA branches are already attached.</summary>
    public static void LoadWeights(CausalLmModule module, string directory)
    {
        var path = Path.Combine(directory, WeightsFileName);
        if (!File.Exists(path))
        {
            throw new ModelFormatException($"{directory}: {WeightsFileName} not found");
        }

        var weights = new TensorSet(SafetensorsFile.Read(path), path);
        var expected = module.LoraParameters().ToList();
        var unexpected = weights.Names.Except(expected.Select(p => Prefix + p.Name), StringComparer.Ordinal).FirstOrDefault();
        if (unexpected is not null)
        {
            throw new ModelFormatException($"{path}: tensor '{unexpected}' matches no LoRA module of the model");
        }

        using var noGrad = TorchSharp.torch.no_grad();
        foreach (var (name, parameter) in expected)
        {
            using var source = weights.Get(Prefix + name, parameter.shape).ToTorch(parameter.dtype);
            parameter.copy_(source);
        }
    }
}
