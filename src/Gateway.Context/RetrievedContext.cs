using Gateway.Context.Linking;
using Gateway.Context.Retrieval;

namespace Gateway.Context;

/// <summary>
/// Everything the generate stage reads about a question: the linked schema (its DDL in the source's dialect and
/// why each table is there), the closest documentation and the closest question-SQL pairs, best first.
/// <see cref="ExactRepeat"/> is the pair that asked this very question before, if any (the first example).
/// </summary>
public sealed record RetrievedContext
{
    public required string Source { get; init; }

    public required string Question { get; init; }

    public required LinkedSchema Schema { get; init; }

    /// <summary>The schema as CREATE TABLE text in the source's dialect (<see cref="LinkedSchema.Ddl"/>).</summary>
    public string Ddl => Schema.Ddl;

    public required IReadOnlyList<KnowledgeMatch> Documents { get; init; }

    public required IReadOnlyList<KnowledgeMatch> Examples { get; init; }

    public KnowledgeMatch? ExactRepeat => Examples.Count > 0 && Examples[0].ExactRepeat ? Examples[0] : null;

    /// <summary>The embedding model used, or null when ranking was lexical only.</summary>
    public string? EmbeddingModel { get; init; }

    public required TimeSpan Elapsed { get; init; }
}
