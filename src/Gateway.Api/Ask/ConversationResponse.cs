using System.Text.Json.Serialization;
using Gateway.Ask.Conversations;

namespace Gateway.Api.Ask;

/// <summary><c>GET /v1/conversations/{id}</c>: a conversation and its turns, oldest first.</summary>
public sealed record ConversationResponse
{
    [JsonPropertyName("conversation_id")]
    public required string ConversationId { get; init; }

    [JsonPropertyName("source")]
    public required string Source { get; init; }

    [JsonPropertyName("started")]
    public required DateTimeOffset Started { get; init; }

    [JsonPropertyName("last_used")]
    public required DateTimeOffset LastUsed { get; init; }

    [JsonPropertyName("turns")]
    public required IReadOnlyList<ConversationTurnResponse> Turns { get; init; }

    public static ConversationResponse From(Conversation conversation)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        return new ConversationResponse
        {
            ConversationId = conversation.Id,
            Source = conversation.Source,
            Started = conversation.Started,
            LastUsed = conversation.LastUsed,
            Turns = [.. conversation.Turns.Select(t => new ConversationTurnResponse(t.Question, t.Sql, t.Verdict, t.Time, t.AuditId))],
        };
    }
}

/// <summary>One question of a conversation: the SQL written for it (null when none), the verdict, when, and its audit record.</summary>
public sealed record ConversationTurnResponse(
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("sql")] string? Sql,
    [property: JsonPropertyName("verdict")] string Verdict,
    [property: JsonPropertyName("time")] DateTimeOffset Time,
    [property: JsonPropertyName("audit_id")] long? AuditId);
