using Gateway.Context.Embeddings;
using Gateway.Context.Knowledge;
using Gateway.Context.Linking;
using Gateway.Context.Retrieval;

namespace Gateway.Context;

/// <summary>The context stage's settings, bound from configuration (<c>context</c> section) or set by a host.</summary>
public sealed record ContextOptions
{
    /// <summary>Required. The gateway's data directory; <c>knowledge.db</c> lives there by default.</summary>
    public required string DataDirectory { get; init; }

    public KnowledgeStoreOptions Store { get; init; } = new();

    public EmbeddingOptions Embeddings { get; init; } = new();

    public SchemaLinkingOptions Linking { get; init; } = new();

    public RetrievalOptions Retrieval { get; init; } = new();
}
