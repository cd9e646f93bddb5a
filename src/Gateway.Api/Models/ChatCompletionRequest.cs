using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gateway.Api.Models;

/// <summary>
/// <c>POST /v1/chat/completions</c>'s body in OpenAI's wire format. Members the gateway does not implement land in
/// <see cref="Other"/>; <see cref="ChatCompletionRequestReader"/> refuses any of them that would change the answer.
/// </summary>
internal sealed record ChatCompletionRequest
{
    [JsonPropertyName("model")]
    public string? Model { get; init; }

    [JsonPropertyName("messages")]
    public IReadOnlyList<ChatCompletionMessage>? Messages { get; init; }

    [JsonPropertyName("max_tokens")]
    public int? MaxTokens { get; init; }

    /// <summary>The newer name of <see cref="MaxTokens"/>; either may be sent, not both with different values.</summary>
    [JsonPropertyName("max_completion_tokens")]
    public int? MaxCompletionTokens { get; init; }

    [JsonPropertyName("temperature")]
    public double? Temperature { get; init; }

    [JsonPropertyName("top_p")]
    public double? TopP { get; init; }

    [JsonPropertyName("seed")]
    public long? Seed { get; init; }

    /// <summary>A string or an array of up to four strings.</summary>
    [JsonPropertyName("stop")]
    public JsonElement? Stop { get; init; }

    [JsonPropertyName("n")]
    public int? N { get; init; }

    [JsonPropertyName("stream")]
    public bool? Stream { get; init; }

    [JsonPropertyName("stream_options")]
    public StreamOptions? StreamOptions { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; init; }
}

internal sealed record StreamOptions
{
    [JsonPropertyName("include_usage")]
    public bool? IncludeUsage { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; init; }
}

internal sealed record ChatCompletionMessage
{
    [JsonPropertyName("role")]
    public string? Role { get; init; }

    /// <summary>A string, or an array of content parts of which only <c>{"type":"text"}</c> is supported.</summary>
    [JsonPropertyName("content")]
    public JsonElement? Content { get; init; }

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; init; }
}
