using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gateway.Model.Config;

/// <summary>
/// The fields of a Hugging Face <c>config.json</c> that a Llama/Qwen2-family decoder needs. Defaults are Qwen2's.
/// </summary>
public sealed record ModelConfig
{
    public const string FileName = "config.json";

    /// <summary>"qwen2" or "llama"; decides the default of <see cref="AttentionBias"/>.</summary>
    [JsonPropertyName("model_type")]
    public string ModelType { get; init; } = "qwen2";

    [JsonPropertyName("vocab_size")]
    public int VocabSize { get; init; } = 151936;

    [JsonPropertyName("hidden_size")]
    public int HiddenSize { get; init; } = 4096;

    [JsonPropertyName("intermediate_size")]
    public int IntermediateSize { get; init; } = 22016;

    [JsonPropertyName("num_hidden_layers")]
    public int NumHiddenLayers { get; init; } = 32;

    [JsonPropertyName("num_attention_heads")]
    public int NumAttentionHeads { get; init; } = 32;

    /// <summary>Grouped-query attention: key/value heads. Absent means equal to <see cref="NumAttentionHeads"/>.</summary>
    [JsonPropertyName("num_key_value_heads")]
    public int? NumKeyValueHeads { get; init; }

    /// <summary>Absent means <see cref="HiddenSize"/> / <see cref="NumAttentionHeads"/>.</summary>
    [JsonPropertyName("head_dim")]
    public int? HeadDim { get; init; }

    [JsonPropertyName("hidden_act")]
    public string HiddenAct { get; init; } = "silu";

    [JsonPropertyName("rms_norm_eps")]
    public double RmsNormEps { get; init; } = 1e-6;

    [JsonPropertyName("rope_theta")]
    public double RopeTheta { get; init; } = 10000.0;

    [JsonPropertyName("rope_scaling")]
    public RopeScaling? RopeScaling { get; init; }

    [JsonPropertyName("max_position_embeddings")]
    public int MaxPositionEmbeddings { get; init; } = 32768;

    [JsonPropertyName("tie_word_embeddings")]
    public bool TieWordEmbeddings { get; init; }

    /// <summary>Bias on q/k/v projections. Absent means true for Qwen2 (which always has it), false otherwise.</summary>
    [JsonPropertyName("attention_bias")]
    public bool? AttentionBiasSetting { get; init; }

    /// <summary>"float32", "bfloat16" or "float16": the dtype the weights were saved in.</summary>
    [JsonPropertyName("torch_dtype")]
    public string TorchDType { get; init; } = "float32";

    [JsonPropertyName("bos_token_id")]
    public int? BosTokenId { get; init; }

    /// <summary>An int or a list of ints in config.json.</summary>
    [JsonPropertyName("eos_token_id")]
    [JsonConverter(typeof(IntOrIntListConverter))]
    public IReadOnlyList<int>? EosTokenIds { get; init; }

    [JsonIgnore]
    public int KeyValueHeads => NumKeyValueHeads ?? NumAttentionHeads;

    [JsonIgnore]
    public int HeadDimension => HeadDim ?? HiddenSize / NumAttentionHeads;

    [JsonIgnore]
    public bool AttentionBias => AttentionBiasSetting ?? string.Equals(ModelType, "qwen2", StringComparison.OrdinalIgnoreCase);

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static ModelConfig Parse(string json, string source = FileName)
    {
        ModelConfig? config;
        try
        {
            config = JsonSerializer.Deserialize<ModelConfig>(json, Options);
        }
        catch (JsonException e)
        {
            throw new ModelFormatException($"{source}: {e.Message}", e);
        }

        if (config is null)
        {
            throw new ModelFormatException($"{source}: empty config");
        }

        config.Validate(source);
        return config;
    }

    /// <summary>Reads <c>config.json</c> from <paramref name="directory"/>.</summary>
    public static ModelConfig Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            throw new ModelFormatException($"{directory}: {FileName} not found");
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Reads <c>config.json</c> from <paramref name="directory"/> asynchronously.</summary>
    public static async Task<ModelConfig> LoadAsync(string directory, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            throw new ModelFormatException($"{directory}: {FileName} not found");
        }

        return Parse(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false), path);
    }

    public string ToJson() => JsonSerializer.Serialize(this, Options);

    public void Save(string directory) => File.WriteAllText(Path.Combine(directory, FileName), ToJson());

    private void Validate(string source)
    {
        var errors = new List<string>();
        if (HiddenSize <= 0 || IntermediateSize <= 0 || NumHiddenLayers <= 0 || VocabSize <= 0)
        {
            errors.Add("sizes must be positive");
        }

        if (NumAttentionHeads <= 0 || KeyValueHeads <= 0 || NumAttentionHeads % KeyValueHeads != 0)
        {
            errors.Add($"num_attention_heads ({NumAttentionHeads}) must be a positive multiple of num_key_value_heads ({KeyValueHeads})");
        }

        if (HeadDim is null && NumAttentionHeads > 0 && HiddenSize % NumAttentionHeads != 0)
        {
            errors.Add("hidden_size must be divisible by num_attention_heads");
        }

        if (HeadDimension % 2 != 0)
        {
            errors.Add("the head dimension must be even for rotary embeddings");
        }

        if (RopeScaling is { } scaling)
        {
            errors.AddRange(scaling.Problems());
        }

        if (!string.Equals(HiddenAct, "silu", StringComparison.Ordinal))
        {
            errors.Add($"hidden_act '{HiddenAct}' is not supported (only silu)");
        }

        if (errors.Count > 0)
        {
            throw new ModelFormatException($"{source}: {string.Join("; ", errors)}");
        }
    }
}
