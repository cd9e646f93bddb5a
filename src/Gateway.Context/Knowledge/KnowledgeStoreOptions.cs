namespace Gateway.Context.Knowledge;

public enum KnowledgeStoreProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Where the knowledge store lives. Bound from configuration (<c>context:store</c>).</summary>
public sealed record KnowledgeStoreOptions
{
    /// <summary>Default <see cref="KnowledgeStoreProvider.Sqlite"/>.</summary>
    public KnowledgeStoreProvider Provider { get; init; } = KnowledgeStoreProvider.Sqlite;

    /// <summary>The SQLite file; default <c>&lt;data-dir&gt;/knowledge.db</c>.</summary>
    public string? Path { get; init; }

    /// <summary>Required for PostgreSQL: an Npgsql connection string (secret; never logged).</summary>
    public string? ConnectionString { get; init; }

    public string ResolvedPath(string dataDirectory) => Path ?? System.IO.Path.Combine(dataDirectory, SqliteKnowledgeStore.FileName);
}
