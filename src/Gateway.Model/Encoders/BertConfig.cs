using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gateway.Model.Encoders;

/// <summary>
/// The fields of a Hugging Face BERT <c>config.json</c> that the encoder needs. Defaults are bert-base-uncased's.
/// </summary>
public sealed record BertConfig
{
    public const string FileName = "config.json";

    [JsonPropertyName("model_type")]
    public string ModelType { get; init; } = "bert";

    [JsonPropertyName("vocab_size")]
    public int VocabSize { get; init; } = 30522;

    [JsonPropertyName("hidden_size")]
    public int HiddenSize { get; init; } = 768;

    [JsonPropertyName("num_hidden_layers")]
    public int NumHiddenLayers { get; init; } = 12;

    [JsonPropertyName("num_attention_heads")]
    public int NumAttentionHeads { get; init; } = 12;

    [JsonPropertyName("intermediate_size")]
    public int IntermediateSize { get; init; } = 3072;

    /// <summary>"gelu" (erf form; "gelu_new"/"gelu_pytorch_tanh" are rejected rather than silently approximated).</summary>
    [JsonPropertyName("hidden_act")]
    public string HiddenAct { get; init; } = "gelu";

    [JsonPropertyName("max_position_embeddings")]
    public int MaxPositionEmbeddings { get; init; } = 512;

    [JsonPropertyName("type_vocab_size")]
    public int TypeVocabSize { get; init; } = 2;

    [JsonPropertyName("layer_norm_eps")]
    public double LayerNormEps { get; init; } = 1e-12;

    [JsonPropertyName("pad_token_id")]
    public int PadTokenId { get; init; }

    [JsonIgnore]
    public int HeadDimension => HiddenSize / NumAttentionHeads;

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public static BertConfig Parse(string json, string source = FileName)
    {
        BertConfig? config;
        try
        {
            config = JsonSerializer.Deserialize<BertConfig>(json, Options);
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

    public static async Task<BertConfig> LoadAsync(string directory, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            throw new ModelFormatException($"{directory}: {FileName} not found");
        }

        return Parse(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false), path);
    }

    public string ToJson() => JsonSerializer.Serialize(this, Options);

    public Task SaveAsync(string directory, CancellationToken cancellationToken = default) =>
        File.WriteAllTextAsync(Path.Combine(directory, FileName), ToJson(), cancellationToken);

    private void Validate(string source)
    {
        var errors = new List<string>();
        if (HiddenSize <= 0 || IntermediateSize <= 0 || NumHiddenLayers <= 0 || VocabSize <= 0 || MaxPositionEmbeddings <= 0 || TypeVocabSize <= 0)
        {
            errors.Add("sizes must be positive");
        }

        if (NumAttentionHeads <= 0 || HiddenSize % NumAttentionHeads != 0)
        {
            errors.Add($"hidden_size ({HiddenSize}) must be a multiple of num_attention_heads ({NumAttentionHeads})");
        }

        if (!string.Equals(HiddenAct, "gelu", StringComparison.Ordinal))
        {
            errors.Add($"hidden_act '{HiddenAct}' is not supported (only gelu)");
        }

        if (errors.Count > 0)
        {
            throw new ModelFormatException($"{source}: {string.Join("; ", errors)}");
        }
    }
}
