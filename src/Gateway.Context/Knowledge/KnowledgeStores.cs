namespace Gateway.Context.Knowledge;

/// <summary>Opens the store <see cref="ContextOptions.Store"/> names.</summary>
public static class KnowledgeStores
{
    public static IKnowledgeStore Open(ContextOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Store.Provider switch
        {
            KnowledgeStoreProvider.Sqlite => new SqliteKnowledgeStore(options.Store.ResolvedPath(options.DataDirectory)),
            KnowledgeStoreProvider.Postgres => new PostgresKnowledgeStore(
                options.Store.ConnectionString ?? throw new ArgumentException("context:store:connectionString is required for PostgreSQL", nameof(options))),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Store.Provider, "unknown knowledge store provider"),
        };
    }
}
