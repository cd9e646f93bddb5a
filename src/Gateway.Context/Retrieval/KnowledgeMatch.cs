using Gateway.Context.Knowledge;

namespace Gateway.Context.Retrieval;

/// <summary>
/// One retrieved item with why it ranked: its fused score, its place in each ranking (null when it was not in it),
/// its cosine similarity, and whether it repeats the question exactly.
/// </summary>
public sealed record KnowledgeMatch(KnowledgeItem Item, double Score, int? LexicalRank, int? VectorRank, double? Similarity, bool ExactRepeat);

/// <summary>The closest documentation (docs and DDL notes) and the closest question-SQL pairs, best first.</summary>
public sealed record KnowledgeMatches(IReadOnlyList<KnowledgeMatch> Documents, IReadOnlyList<KnowledgeMatch> Examples)
{
    public static KnowledgeMatches None { get; } = new([], []);
}
