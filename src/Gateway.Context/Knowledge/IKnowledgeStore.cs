namespace Gateway.Context.Knowledge;

/// <summary>
/// Where knowledge items live: the metadata store. SQLite in the data directory by default
/// (<see cref="SqliteKnowledgeStore"/>), PostgreSQL when configured (<see cref="PostgresKnowledgeStore"/>).
/// Source names compare case-insensitively, as the source catalog does.
/// </summary>
public interface IKnowledgeStore
{
    /// <summary>Stores a new item; its id must be new.</summary>
    Task AddAsync(KnowledgeItem item, CancellationToken cancellationToken = default);

    /// <summary>Every item of <paramref name="source"/>, oldest first.</summary>
    Task<IReadOnlyList<KnowledgeItem>> ListAsync(string source, CancellationToken cancellationToken = default);

    Task<KnowledgeItem?> GetAsync(string source, string id, CancellationToken cancellationToken = default);

    /// <summary>False when <paramref name="source"/> has no item <paramref name="id"/>.</summary>
    Task<bool> DeleteAsync(string source, string id, CancellationToken cancellationToken = default);
}
