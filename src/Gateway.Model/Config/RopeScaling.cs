using System.Text.Json.Serialization;

namespace Gateway.Model.Config;

/// <summary>The <c>rope_scaling</c> object of config.json. Only <c>linear</c> is implemented.</summary>
public sealed record RopeScaling
{
    /// <summary><c>rope_type</c> (newer configs) or <c>type</c> (older ones): "linear", "dynamic", "yarn", "llama3", ...</summary>
    [JsonPropertyName("rope_type")]
    public string? RopeType { get; init; }

    /// <summary>The legacy spelling of <see cref="RopeType"/>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>Positions are divided by this factor (linear scaling). Required for every scaling type.</summary>
    [JsonPropertyName("factor")]
    public double Factor { get; init; } = 1.0;

    [JsonIgnore]
    public string Kind => RopeType ?? Type ?? "default";
}
