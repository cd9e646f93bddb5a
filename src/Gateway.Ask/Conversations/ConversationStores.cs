using Gateway.Context.Knowledge;

namespace Gateway.Ask.Conversations;

/// <summary>Opens the conversation store in the metadata store the knowledge store's options name (<c>context:store</c>).</summary>
public static class ConversationStores
{
    public static DbConversationStore Open(KnowledgeStoreOptions store, string dataDirectory, AskOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.Provider switch
        {
            KnowledgeStoreProvider.Sqlite => DbConversationStore.Sqlite(store.ResolvedPath(dataDirectory), options, time),
            KnowledgeStoreProvider.Postgres => DbConversationStore.Postgres(
                store.ConnectionString ?? throw new ArgumentException("context:store:connectionString is required for PostgreSQL", nameof(store)), options, time),
            _ => throw new ArgumentOutOfRangeException(nameof(store), store.Provider, "unknown metadata store provider"),
        };
    }
}
