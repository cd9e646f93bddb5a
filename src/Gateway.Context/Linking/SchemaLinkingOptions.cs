namespace Gateway.Context.Linking;

/// <summary>How schema linking trims a schema to fit the prompt.</summary>
public sealed record SchemaLinkingOptions
{
    /// <summary>
    /// Estimated tokens the schema's DDL may take (about four characters a token). A schema that fits is kept
    /// whole. Default 2,048.
    /// </summary>
    public int TokenBudget { get; init; } = 2048;

    /// <summary>Lexical score a table needs to be kept for itself (a name or sample value match scores 3). Default 1.5.</summary>
    public double MinLexicalScore { get; init; } = 1.5;

    /// <summary>Cosine similarity a table's description needs to be kept by meaning alone. Default 0.45.</summary>
    public double MinSimilarity { get; init; } = 0.45;

    /// <summary>At most this many tables are kept by meaning alone. Default 2.</summary>
    public int MaxTablesByMeaning { get; init; } = 2;

    /// <summary>Longest foreign-key path (in joins) searched between two kept tables. Default 3.</summary>
    public int MaxJoinPath { get; init; } = 3;

    /// <summary>When a kept table's columns are pruned, this many unmatched columns stay besides keys and matches. Default 4.</summary>
    public int ColumnsKeptWhenPruned { get; init; } = 4;
}
