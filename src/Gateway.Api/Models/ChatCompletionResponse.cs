using System.Text.Json.Serialization;

namespace Gateway.Api.Models;

/// <summary>A non-streamed answer: <c>object: "chat.completion"</c>.</summary>
internal sealed record ChatCompletionResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("created")] long Created,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("choices")] IReadOnlyList<ChatCompletionChoice> Choices,
    [property: JsonPropertyName("usage")] ChatCompletionUsage Usage)
{
    [JsonPropertyName("object")]
    public string Object => "chat.completion";

    [JsonPropertyName("system_fingerprint")]
    public string? SystemFingerprint { get; init; }
}

internal sealed record ChatCompletionChoice(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("message")] AssistantMessage Message,
    [property: JsonPropertyName("finish_reason")] string FinishReason)
{
    [JsonPropertyName("logprobs")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public object? Logprobs => null;
}

internal sealed record AssistantMessage([property: JsonPropertyName("content")] string Content)
{
    [JsonPropertyName("role")]
    public string Role => ChatMessage.Assistant;

    [JsonPropertyName("refusal")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Refusal => null;
}

internal sealed record ChatCompletionUsage(
    [property: JsonPropertyName("prompt_tokens")] int PromptTokens,
    [property: JsonPropertyName("completion_tokens")] int CompletionTokens)
{
    [JsonPropertyName("total_tokens")]
    public int TotalTokens => PromptTokens + CompletionTokens;
}

/// <summary>One server-sent event of a streamed answer: <c>object: "chat.completion.chunk"</c>.</summary>
internal sealed record ChatCompletionChunk(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("created")] long Created,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("choices")] IReadOnlyList<ChatCompletionChunkChoice> Choices)
{
    [JsonPropertyName("object")]
    public string Object => "chat.completion.chunk";

    /// <summary>Only on the last chunk, and only when the request asked for <c>stream_options.include_usage</c>.</summary>
    [JsonPropertyName("usage")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ChatCompletionUsage? Usage { get; init; }
}

internal sealed record ChatCompletionChunkChoice(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("delta")] ChunkDelta Delta,
    [property: JsonPropertyName("finish_reason")] string? FinishReason);

internal sealed record ChunkDelta
{
    [JsonPropertyName("role")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Role { get; init; }

    [JsonPropertyName("content")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Content { get; init; }
}

/// <summary><c>GET /v1/models</c>: <c>{"object":"list","data":[...]}</c>.</summary>
internal sealed record ModelList([property: JsonPropertyName("data")] IReadOnlyList<ModelEntry> Data)
{
    [JsonPropertyName("object")]
    public string Object => "list";
}

internal sealed record ModelEntry(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("created")] long Created,
    [property: JsonPropertyName("owned_by")] string OwnedBy)
{
    [JsonPropertyName("object")]
    public string Object => "model";
}
