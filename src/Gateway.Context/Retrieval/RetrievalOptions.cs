namespace Gateway.Context.Retrieval;

/// <summary>How many knowledge items retrieval returns and how it ranks them.</summary>
public sealed record RetrievalOptions
{
    /// <summary>Documentation snippets and DDL notes returned. Default 3.</summary>
    public int TopDocuments { get; init; } = 3;

    /// <summary>Question-SQL pairs returned as examples. Default 3.</summary>
    public int TopExamples { get; init; } = 3;

    /// <summary>Reciprocal-rank fusion's k. Default 60.</summary>
    public int FusionK { get; init; } = RankFusion.DefaultK;

    public Bm25Parameters Bm25 { get; init; } = Bm25Parameters.Default;

    /// <summary>
    /// Cosine similarity an item needs to enter the vector ranking. Default 0.3: below it MiniLM's neighbours are
    /// unrelated sentences, which fusion would otherwise still rank.
    /// </summary>
    public double MinSimilarity { get; init; } = 0.3;
}
