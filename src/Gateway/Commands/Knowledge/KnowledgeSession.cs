using Gateway.Cli;
using Gateway.Configuration;
using Gateway.Context.Embeddings;
using Gateway.Context.Knowledge;
using Gateway.Sql.Policy;
using Gateway.Sql.Validation;

namespace Gateway.Commands.Knowledge;

/// <summary>
/// The knowledge store of one data directory (or the configured PostgreSQL), with the validator, policy and
/// encoder the server would use, for one command.
/// </summary>
internal sealed class KnowledgeSession : IAsyncDisposable
{
    private readonly IKnowledgeStore _store;
    private readonly ITextEmbedder? _embedder;

    private KnowledgeSession(IKnowledgeStore store, ITextEmbedder? embedder, KnowledgeService service)
    {
        _store = store;
        _embedder = embedder;
        Service = service;
    }

    public KnowledgeService Service { get; }

    /// <summary>The principal the command line writes as (as in the audit trail).</summary>
    public const string Author = "cli";

    public static async Task<KnowledgeSession> OpenAsync(GatewayEnvironment environment, ConfiguredDefaults defaults, bool embed, CancellationToken cancellationToken)
    {
        var options = defaults.Options.Context.ToOptions(environment.DataDirectory, environment.ConfigFile);
        var policy = defaults.PolicyFile(null) is { } policyFile
            ? await SqlPolicyLoader.LoadFileAsync(policyFile, cancellationToken).ConfigureAwait(false)
            : SqlPolicyLoader.LoadDefault();
        ITextEmbedder? embedder = !embed ? null : options.Embeddings.Provider switch
        {
            EmbeddingProvider.Local => new MiniLmEmbedder(options.Embeddings.Encoder),
            EmbeddingProvider.OpenAi => new OpenAiEmbedder(options.Embeddings.OpenAi ?? throw new ConfigurationFileException("context.embeddings.openAi is required for the openai provider")),
            _ => null,
        };
        var store = KnowledgeStores.Open(options);
        return new KnowledgeSession(store, embedder, new KnowledgeService(store, new SqlValidator(), policy, TimeProvider.System, embedder));
    }

    public async ValueTask DisposeAsync()
    {
        (_embedder as IDisposable)?.Dispose();
        switch (_store)
        {
            case IAsyncDisposable asyncStore:
                await asyncStore.DisposeAsync().ConfigureAwait(false);
                break;
            case IDisposable store:
                store.Dispose();
                break;
        }

        // Pooled connections would keep the file open after the command returns (and block deleting it).
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
