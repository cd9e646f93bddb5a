using System.Text.Json.Serialization;
using Gateway.Context.Knowledge;
using Gateway.Context.Retrieval;

namespace Gateway.Api.Knowledge;

/// <summary>
/// <c>POST /v1/sources/{name}/knowledge</c>: <c>{"text"}</c> (a doc; <c>"kind": "ddl"</c> for a DDL note) or
/// <c>{"question", "sql"}</c> (a pair).
/// </summary>
public sealed record KnowledgeRequest
{
    [JsonPropertyName("kind")]
    public string? Kind { get; init; }

    [JsonPropertyName("text")]
    public string? Text { get; init; }

    [JsonPropertyName("question")]
    public string? Question { get; init; }

    [JsonPropertyName("sql")]
    public string? Sql { get; init; }
}

/// <summary>A stored item as the API shows it (never its vector).</summary>
public sealed record KnowledgeItemResponse
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("source")]
    public required string Source { get; init; }

    [JsonPropertyName("kind")]
    public required string Kind { get; init; }

    [JsonPropertyName("text")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Text { get; init; }

    [JsonPropertyName("question")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Question { get; init; }

    [JsonPropertyName("sql")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Sql { get; init; }

    [JsonPropertyName("author")]
    public required string Author { get; init; }

    [JsonPropertyName("created")]
    public required DateTimeOffset Created { get; init; }

    [JsonPropertyName("audit_id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? AuditId { get; init; }

    public static KnowledgeItemResponse From(KnowledgeItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new KnowledgeItemResponse
        {
            Id = item.Id,
            Source = item.Source,
            Kind = item.Kind.ToName(),
            Text = item.Content,
            Question = item.Question,
            Sql = item.Sql,
            Author = item.Author,
            Created = item.Created,
            AuditId = item.AuditId,
        };
    }
}

/// <summary><c>POST /v1/feedback</c>: whether the answer audited as <c>audit_id</c> was right, and the right SQL when not.</summary>
public sealed record FeedbackRequest
{
    [JsonPropertyName("audit_id")]
    public long? AuditId { get; init; }

    [JsonPropertyName("correct")]
    public bool? Correct { get; init; }

    [JsonPropertyName("corrected_sql")]
    public string? CorrectedSql { get; init; }
}

/// <summary>What feedback did: <c>stored</c> is false for a plain "wrong" without a correction (nothing to learn from).</summary>
public sealed record FeedbackResponse
{
    [JsonPropertyName("audit_id")]
    public required long AuditId { get; init; }

    [JsonPropertyName("stored")]
    public required bool Stored { get; init; }

    [JsonPropertyName("pair")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public KnowledgeItemResponse? Pair { get; init; }
}

/// <summary>What a knowledge search found: documentation (docs and DDL notes) and question-SQL pairs, best first.</summary>
public sealed record KnowledgeSearchResponse
{
    [JsonPropertyName("documents")]
    public required IReadOnlyList<KnowledgeSearchHit> Documents { get; init; }

    [JsonPropertyName("examples")]
    public required IReadOnlyList<KnowledgeSearchHit> Examples { get; init; }
}

/// <summary>One item a search found, with its fused score (higher is closer).</summary>
public sealed record KnowledgeSearchHit
{
    [JsonPropertyName("item")]
    public required KnowledgeItemResponse Item { get; init; }

    [JsonPropertyName("score")]
    public required double Score { get; init; }

    public static KnowledgeSearchHit From(KnowledgeMatch match)
    {
        ArgumentNullException.ThrowIfNull(match);
        return new KnowledgeSearchHit { Item = KnowledgeItemResponse.From(match.Item), Score = match.Score };
    }
}

/// <summary>The MCP <c>delete_knowledge</c> answer: the id that is gone.</summary>
public sealed record KnowledgeDeleted([property: JsonPropertyName("deleted")] string Deleted);
