namespace Gateway.Context.Knowledge;

/// <summary>An item to add, before it is checked, embedded and given an id.</summary>
public sealed record KnowledgeDraft
{
    public required KnowledgeKind Kind { get; init; }
    public string? Content { get; init; }
    public string? Question { get; init; }
    public string? Sql { get; init; }

    /// <summary>The audit record the item came from (feedback); null otherwise.</summary>
    public long? AuditId { get; init; }

    public static KnowledgeDraft Documentation(string text) => new() { Kind = KnowledgeKind.Documentation, Content = text };

    public static KnowledgeDraft DdlNote(string text) => new() { Kind = KnowledgeKind.DdlNote, Content = text };

    public static KnowledgeDraft Pair(string question, string sql, long? auditId = null) =>
        new() { Kind = KnowledgeKind.QuestionSql, Question = question, Sql = sql, AuditId = auditId };
}
