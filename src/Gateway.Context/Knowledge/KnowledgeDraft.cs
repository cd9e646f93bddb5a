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

    /// <summary>Where the draft came from (<c>file.jsonl:3</c>), named in errors; null: its place in the batch.</summary>
    public string? Origin { get; init; }

    public static KnowledgeDraft Documentation(string text) => new() { Kind = KnowledgeKind.Documentation, Content = text };

    public static KnowledgeDraft DdlNote(string text) => new() { Kind = KnowledgeKind.DdlNote, Content = text };

    public static KnowledgeDraft Pair(string question, string sql, long? auditId = null) =>
        new() { Kind = KnowledgeKind.QuestionSql, Question = question, Sql = sql, AuditId = auditId };

    /// <summary>
    /// The draft the fields of a request or a JSONL line describe: a pair when a question or SQL is given, else a
    /// doc, or a DDL note with <paramref name="kind"/> <c>ddl</c>. Contradictory fields are a <see cref="KnowledgeException"/>.
    /// </summary>
    public static KnowledgeDraft FromFields(string? kind, string? text, string? question, string? sql)
    {
        KnowledgeKind? named = null;
        if (kind is not null)
        {
            named = KnowledgeKindNames.TryParse(kind, out var parsed) ? parsed : throw new KnowledgeException("kind must be doc, ddl or pair");
        }

        var isPair = question is not null || sql is not null;
        if (isPair && text is not null)
        {
            throw new KnowledgeException("give text (a doc or DDL note) or question and sql (a pair), not both");
        }

        var resolved = named ?? (isPair ? KnowledgeKind.QuestionSql : KnowledgeKind.Documentation);
        if (isPair && (question is null || sql is null))
        {
            throw new KnowledgeException("a pair needs question and sql");
        }

        if ((resolved == KnowledgeKind.QuestionSql) != isPair)
        {
            throw new KnowledgeException(resolved == KnowledgeKind.QuestionSql ? "a pair needs question and sql" : $"a {resolved.ToName()} item needs text");
        }

        return new KnowledgeDraft { Kind = resolved, Content = text, Question = question, Sql = sql };
    }
}
