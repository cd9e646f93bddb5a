using System.Text.Json.Serialization;

namespace Gateway.Model.TextToSql.Network;

/// <summary>The shape of a <see cref="PointerNetwork"/>; written to <c>config.json</c> beside its weights.</summary>
public sealed record PointerNetworkConfig
{
    /// <summary>Width of the frozen encoder's features (MiniLM: 384).</summary>
    [JsonPropertyName("feature_dim")]
    public int FeatureDim { get; init; } = 384;

    [JsonPropertyName("dim")]
    public int Dim { get; init; } = 256;

    [JsonPropertyName("heads")]
    public int Heads { get; init; } = 8;

    [JsonPropertyName("encoder_layers")]
    public int EncoderLayers { get; init; } = 2;

    [JsonPropertyName("decoder_layers")]
    public int DecoderLayers { get; init; } = 2;

    [JsonPropertyName("feed_forward")]
    public int FeedForward { get; init; } = 512;

    [JsonPropertyName("dropout")]
    public double Dropout { get; init; } = 0.1;

    /// <summary>Size of the keyword vocabulary; index 0 ends the query.</summary>
    [JsonPropertyName("keywords")]
    public int KeywordCount { get; init; }

    /// <summary>The longest action sequence the decoder has positions for.</summary>
    [JsonPropertyName("max_steps")]
    public int MaxSteps { get; init; } = 128;

    /// <summary>The frozen encoder the features come from (a <see cref="Encoders.PretrainedEncoders"/> name).</summary>
    [JsonPropertyName("encoder")]
    public string Encoder { get; init; } = "minilm";

    /// <summary>The trained model's version (<c>pointer-v2-20261125</c>), shown in the generator's model id; null for untrained networks.</summary>
    [JsonPropertyName("version")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Version { get; init; }

    /// <summary>
    /// How the frozen encoder's features are made: <c>phrase</c> (question, columns and tables encoded apart) or
    /// <c>joint</c> (each item also carries its state from the question and the schema read as one pair, so
    /// <see cref="FeatureDim"/> is twice the encoder's width).
    /// </summary>
    [JsonPropertyName("features")]
    public string Features { get; init; } = FeatureModes.Phrase;

    /// <summary>Throws when the shape cannot build a network.</summary>
    public void Validate()
    {
        if (FeatureDim < 1 || Dim < 1 || Heads < 1 || Dim % Heads != 0 || EncoderLayers < 0 || DecoderLayers < 1 || FeedForward < 1
            || KeywordCount < 1 || MaxSteps < 2 || Dropout is < 0 or >= 1 || Features is not (FeatureModes.Phrase or FeatureModes.Joint))
        {
            throw new ModelFormatException(
                $"invalid pointer network shape: dim {Dim} must be a multiple of heads {Heads}, layers and sizes positive, dropout in [0, 1), keywords {KeywordCount} > 0, features '{FeatureModes.Phrase}' or '{FeatureModes.Joint}'");
        }
    }
}

/// <summary>The values of <see cref="PointerNetworkConfig.Features"/>.</summary>
public static class FeatureModes
{
    public const string Phrase = "phrase";
    public const string Joint = "joint";
}
