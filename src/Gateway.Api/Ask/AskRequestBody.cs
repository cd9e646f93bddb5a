using System.Text.Json.Serialization;

namespace Gateway.Api.Ask;

/// <summary><c>POST /v1/ask</c> and <c>/v1/ask/stream</c>: a question about a source the caller's key grants.</summary>
public sealed record AskRequestBody
{
    public string? Source { get; init; }

    public string? Question { get; init; }

    /// <summary>Continue a conversation returned by an earlier ask.</summary>
    [JsonPropertyName("conversation_id")]
    public string? ConversationId { get; init; }

    /// <summary>A configured generator's name; default: the configured default.</summary>
    public string? Generator { get; init; }
}
