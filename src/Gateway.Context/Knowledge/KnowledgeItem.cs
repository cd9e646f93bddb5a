namespace Gateway.Context.Knowledge;

/// <summary>
/// One stored piece of knowledge about a source. Documentation and DDL notes carry <see cref="Content"/>; a
/// question-SQL pair carries <see cref="Question"/> and <see cref="Sql"/> (as written, before any policy rewrite).
/// </summary>
public sealed record KnowledgeItem
{
    public required string Id { get; init; }

    /// <summary>The source's name, as sources are named in the catalog.</summary>
    public required string Source { get; init; }

    public required KnowledgeKind Kind { get; init; }

    public string? Content { get; init; }

    public string? Question { get; init; }

    public string? Sql { get; init; }

    /// <summary>The principal that added it (an API key's name, <c>local</c>, <c>cli</c>).</summary>
    public required string Author { get; init; }

    public required DateTimeOffset Created { get; init; }

    /// <summary>The audit record a feedback pair came from; null otherwise.</summary>
    public long? AuditId { get; init; }

    /// <summary>The sentence vector of <see cref="SearchText"/>, when one was computed at write time.</summary>
    public float[]? Embedding { get; init; }

    /// <summary>The model <see cref="Embedding"/> came from (<see cref="Embeddings.ITextEmbedder.ModelId"/>).</summary>
    public string? EmbeddingModel { get; init; }

    /// <summary>What retrieval matches a question against: a pair's question, the other kinds' content.</summary>
    public string SearchText => Kind == KnowledgeKind.QuestionSql ? Question ?? string.Empty : Content ?? string.Empty;
}
