using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gateway.Model.Encoders;

/// <summary>The shape of a small decoder stacked on a <see cref="BertEncoder"/>.</summary>
public sealed record CrossAttentionDecoderConfig
{
    [JsonPropertyName("vocab_size")]
    public int VocabSize { get; init; } = 30522;

    /// <summary>Must equal the encoder's hidden size (cross-attention keys/values are projected from its states).</summary>
    [JsonPropertyName("hidden_size")]
    public int HiddenSize { get; init; } = 384;

    [JsonPropertyName("num_layers")]
    public int NumLayers { get; init; } = 2;

    [JsonPropertyName("num_attention_heads")]
    public int NumAttentionHeads { get; init; } = 6;

    [JsonPropertyName("intermediate_size")]
    public int IntermediateSize { get; init; } = 1536;

    /// <summary>Longest output (learned positions). Default 256.</summary>
    [JsonPropertyName("max_positions")]
    public int MaxPositions { get; init; } = 256;

    [JsonPropertyName("layer_norm_eps")]
    public double LayerNormEps { get; init; } = 1e-5;

    [JsonIgnore]
    public int HeadDimension => HiddenSize / NumAttentionHeads;

    public const string FileName = "config.json";

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public static async Task<CrossAttentionDecoderConfig> LoadAsync(string directory, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(directory, FileName);
        CrossAttentionDecoderConfig? config;
        try
        {
            config = JsonSerializer.Deserialize<CrossAttentionDecoderConfig>(
                await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false), Options);
        }
        catch (JsonException e)
        {
            throw new ModelFormatException($"{path}: {e.Message}", e);
        }

        config = config ?? throw new ModelFormatException($"{path}: empty config");
        config.Validate();
        return config;
    }

    public Task SaveAsync(string directory, CancellationToken cancellationToken = default) =>
        File.WriteAllTextAsync(Path.Combine(directory, FileName), JsonSerializer.Serialize(this, Options), cancellationToken);

    public void Validate()
    {
        if (HiddenSize <= 0 || NumLayers <= 0 || VocabSize <= 0 || IntermediateSize <= 0 || MaxPositions <= 0
            || NumAttentionHeads <= 0 || HiddenSize % NumAttentionHeads != 0)
        {
            throw new ModelFormatException($"invalid decoder config: {this}");
        }
    }
}
