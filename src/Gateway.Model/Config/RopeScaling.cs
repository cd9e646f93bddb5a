using System.Text.Json.Serialization;

namespace Gateway.Model.Config;

/// <summary>
/// The <c>rope_scaling</c> object of config.json, as Hugging Face writes it: <c>linear</c> (positions divided by the
/// factor), <c>dynamic</c> (NTK: the base grows once a sequence passes the trained length), <c>yarn</c> (per-frequency
/// blend of interpolation and extrapolation, and an attention temperature) and <c>llama3</c> (low frequencies
/// divided by the factor, high ones kept, a smooth blend between).
/// </summary>
public sealed record RopeScaling
{
    public static readonly IReadOnlyList<string> SupportedKinds = ["default", "linear", "dynamic", "yarn", "llama3"];

    /// <summary><c>rope_type</c> (newer configs) or <c>type</c> (older ones): "linear", "dynamic", "yarn", "llama3", ...</summary>
    [JsonPropertyName("rope_type")]
    public string? RopeType { get; init; }

    /// <summary>The legacy spelling of <see cref="RopeType"/>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>How much longer than the trained context the model should reach. Required for every scaling type.</summary>
    [JsonPropertyName("factor")]
    public double Factor { get; init; } = 1.0;

    /// <summary>The context length the model was pretrained with (llama3: required; yarn and dynamic: default max_position_embeddings).</summary>
    [JsonPropertyName("original_max_position_embeddings")]
    public int? OriginalMaxPositionEmbeddings { get; init; }

    /// <summary>llama3: wavelengths above original / this are divided by the factor.</summary>
    [JsonPropertyName("low_freq_factor")]
    public double? LowFreqFactor { get; init; }

    /// <summary>llama3: wavelengths below original / this are kept.</summary>
    [JsonPropertyName("high_freq_factor")]
    public double? HighFreqFactor { get; init; }

    /// <summary>yarn: rotations bounding the extrapolated (fast) dimensions. Default 32.</summary>
    [JsonPropertyName("beta_fast")]
    public double? BetaFast { get; init; }

    /// <summary>yarn: rotations bounding the interpolated (slow) dimensions. Default 1.</summary>
    [JsonPropertyName("beta_slow")]
    public double? BetaSlow { get; init; }

    /// <summary>yarn: cos and sin are multiplied by this; default from the factor (0.1·ln(factor) + 1).</summary>
    [JsonPropertyName("attention_factor")]
    public double? AttentionFactor { get; init; }

    /// <summary>yarn (DeepSeek style): with <see cref="MscaleAllDim"/>, the attention factor is their ratio of mscales.</summary>
    [JsonPropertyName("mscale")]
    public double? Mscale { get; init; }

    [JsonPropertyName("mscale_all_dim")]
    public double? MscaleAllDim { get; init; }

    /// <summary>yarn: round the correction range outwards to whole dimensions. Default true.</summary>
    [JsonPropertyName("truncate")]
    public bool? Truncate { get; init; }

    [JsonIgnore]
    public string Kind => RopeType ?? Type ?? "default";

    /// <summary>What is wrong with this object for <paramref name="config"/>; empty when it can be used.</summary>
    internal IEnumerable<string> Problems()
    {
        if (!SupportedKinds.Contains(Kind, StringComparer.Ordinal))
        {
            yield return $"rope_scaling type '{Kind}' is not supported (supported: {string.Join(", ", SupportedKinds)})";
            yield break;
        }

        if (Kind != "default" && !(Factor >= 1 || (Kind == "linear" && Factor > 0)))
        {
            yield return $"rope_scaling factor must be at least 1 for '{Kind}', got {Factor}";
        }

        if (Kind == "llama3")
        {
            if (LowFreqFactor is null || HighFreqFactor is null || OriginalMaxPositionEmbeddings is null)
            {
                yield return "rope_scaling 'llama3' needs low_freq_factor, high_freq_factor and original_max_position_embeddings";
            }
            else if (HighFreqFactor <= LowFreqFactor)
            {
                yield return "rope_scaling 'llama3' needs high_freq_factor above low_freq_factor";
            }
        }

        if (OriginalMaxPositionEmbeddings is <= 0)
        {
            yield return "rope_scaling original_max_position_embeddings must be positive";
        }
    }
}
