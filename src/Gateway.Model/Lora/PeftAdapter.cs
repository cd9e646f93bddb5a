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
        var targets = new JsonArray(options.TargetModules.Select(t => (JsonNode)JsonValue.Create(t)!).ToArray());
        WriteConfig(directory, options, "CAUSAL_LM", baseModel, targets);
        WriteWeights(directory, module.LoraParameters().Select(p => (p.Name, (TorchSharp.torch.Tensor)p.Parameter)));
    }

    /// <summary>Writes <c>adapter_config.json</c> as PEFT does; <paramref name="targetModules"/> is a list of names or one pattern.</summary>
    public static void WriteConfig(string directory, LoraOptions options, string taskType, string? baseModel, JsonNode targetModules)
    {
        Directory.CreateDirectory(directory);
        var config = new JsonObject
        {
            ["peft_type"] = "LORA",
            ["task_type"] = taskType,
            ["base_model_name_or_path"] = baseModel,
            ["r"] = options.Rank,
            ["lora_alpha"] = options.Alpha,
            ["lora_dropout"] = options.Dropout,
            ["target_modules"] = targetModules,
            ["use_rslora"] = options.UseRsLora,
            ["bias"] = "none",
            ["fan_in_fan_out"] = false,
            ["inference_mode"] = true,
        };
        File.WriteAllText(Path.Combine(directory, ConfigFileName), config.ToJsonString(Indented));
    }

    /// <summary>Writes <c>adapter_model.safetensors</c>: each tensor under <c>base_model.model.</c> + its module path name.</summary>
    public static void WriteWeights(string directory, IEnumerable<(string Name, TorchSharp.torch.Tensor Tensor)> tensors) =>
        SafetensorsFile.Write(
            Path.Combine(directory, WeightsFileName),
            tensors.Select(t => t.Tensor.ToTensorData(Prefix + t.Name)).ToList(),
            new Dictionary<string, string> { ["format"] = "pt" });

    /// <summary>
    /// Reads the options of the adapter in <paramref name="directory"/> and its <c>target_modules</c> as PEFT matches
    /// them: a list of names (a module is targeted when its path is one of them or ends with "." + one) or a single
    /// pattern the whole path must match. <see cref="LoraOptions.TargetModules"/> is the list, or empty for a pattern.
    /// </summary>
    public static (LoraOptions Options, PeftTargets Targets) ReadConfig(string directory)
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
            var peftTargets = targets.ValueKind switch
            {
                JsonValueKind.Array => new PeftTargets(targets.EnumerateArray().Select(t => t.GetString() ?? "").ToList(), null),
                JsonValueKind.String => new PeftTargets([], targets.GetString()),
                _ => throw new ModelFormatException($"{path}: target_modules must be a list of module names or a pattern"),
            };
            var options = new LoraOptions
            {
                Rank = root.GetProperty("r").GetInt32(),
                Alpha = root.GetProperty("lora_alpha").GetDouble(),
                Dropout = root.TryGetProperty("lora_dropout", out var d) ? d.GetDouble() : 0,
                TargetModules = peftTargets.Names,
                UseRsLora = root.TryGetProperty("use_rslora", out var rs) && rs.ValueKind == JsonValueKind.True,
            };
            return (options, peftTargets);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new ModelFormatException($"{path}: malformed adapter config: {e.Message}", e);
        }
    }

    /// <summary>The tensors of <c>adapter_model.safetensors</c> in <paramref name="directory"/>.</summary>
    public static TensorSet ReadWeights(string directory)
    {
        var path = Path.Combine(directory, WeightsFileName);
        if (!File.Exists(path))
        {
            throw new ModelFormatException($"{directory}: {WeightsFileName} not found");
        }

        return new TensorSet(SafetensorsFile.Read(path), path);
    }

    /// <summary>The options of a decoder adapter, whose <c>target_modules</c> must be a list of projection names.</summary>
    public static LoraOptions ReadOptions(string directory)
    {
        var (options, targets) = ReadConfig(directory);
        if (targets.Pattern is not null)
        {
            throw new ModelFormatException(
                $"{Path.Combine(directory, ConfigFileName)}: target_modules as a pattern ('{targets.Pattern}') is not supported for decoder adapters; list the projections");
        }

        return options;
    }

    /// <summary>
    /// Reads the adapter in <paramref name="directory"/> into the projections of <paramref name="module"/> as the
    /// inference adapter <paramref name="name"/> (beside the base weights, not attached as parameters). Every
    /// tensor is checked before any projection is changed.
    /// </summary>
    public static LoraOptions LoadNamed(CausalLmModule module, string name, string directory)
    {
        var options = ReadOptions(directory);
        if (options.Rank <= 0)
        {
            throw new ModelFormatException($"{directory}: LoRA rank must be positive, got {options.Rank}");
        }

        var path = Path.Combine(directory, WeightsFileName);
        if (!File.Exists(path))
        {
            throw new ModelFormatException($"{directory}: {WeightsFileName} not found");
        }

        var known = module.Model.Layers[0].Projections().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var unknown = options.TargetModules.Where(t => !known.Contains(t)).ToList();
        if (unknown.Count > 0)
        {
            throw new ModelFormatException($"{directory}: LoRA target modules not in the model: {string.Join(", ", unknown)}");
        }

        var targets = module.Model.Layers
            .SelectMany((layer, i) => layer.Projections()
                .Where(p => options.TargetModules.Contains(p.Name, StringComparer.Ordinal))
                .Select(p => (Path: $"model.layers.{i.ToString(System.Globalization.CultureInfo.InvariantCulture)}.{DecoderLayer.PathOf(p.Name)}", p.Projection)))
            .ToList();
        var weights = new TensorSet(SafetensorsFile.Read(path), path);
        var expected = targets.SelectMany(t => new[] { $"{Prefix}{t.Path}.lora_A.weight", $"{Prefix}{t.Path}.lora_B.weight" }).ToHashSet(StringComparer.Ordinal);
        var unexpected = weights.Names.FirstOrDefault(n => !expected.Contains(n));
        if (unexpected is not null)
        {
            throw new ModelFormatException($"{path}: tensor '{unexpected}' matches no LoRA module of the model");
        }

        var loaded = new List<(LinearProjection Projection, TorchSharp.torch.Tensor A, TorchSharp.torch.Tensor B)>();
        try
        {
            foreach (var (modulePath, projection) in targets)
            {
                var a = weights.Get($"{Prefix}{modulePath}.lora_A.weight", [options.Rank, projection.InFeatures]).ToTorch(TorchSharp.torch.ScalarType.Float32);
                var b = weights.Get($"{Prefix}{modulePath}.lora_B.weight", [projection.OutFeatures, options.Rank]).ToTorch(TorchSharp.torch.ScalarType.Float32);
                loaded.Add((projection, a, b));
            }

            foreach (var (projection, a, b) in loaded)
            {
                projection.AddNamedLora(name, a, b, options.Scaling);
            }
        }
        finally
        {
            foreach (var (_, a, b) in loaded)
            {
                a.Dispose();
                b.Dispose();
            }
        }

        return options;
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
