using Gateway.Context.Embeddings;
using Gateway.Context.Knowledge;
using Gateway.Context.Linking;
using Gateway.Context.Retrieval;
using Gateway.Sql.Policy;
using Gateway.Sql.Validation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Context;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// The knowledge store, the sentence encoder (none when <see cref="EmbeddingProvider.None"/>), schema linking,
    /// retrieval, <see cref="KnowledgeService"/> and <see cref="ContextRetriever"/>. Each is <c>TryAdd</c>ed, so a
    /// host can supply its own first. <see cref="KnowledgeService"/> needs an <see cref="ISqlValidator"/> and a
    /// <see cref="SqlPolicy"/> registered by the host.
    /// </summary>
    public static IServiceCollection AddGatewayContext(this IServiceCollection services, ContextOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(options);
        services.TryAddSingleton<IKnowledgeStore>(_ => KnowledgeStores.Open(options));
        switch (options.Embeddings.Provider)
        {
            case EmbeddingProvider.Local:
                services.TryAddSingleton<ITextEmbedder>(_ => new MiniLmEmbedder(options.Embeddings.Encoder));
                break;
            case EmbeddingProvider.OpenAi:
                var openAi = options.Embeddings.OpenAi ?? throw new ArgumentException("context:embeddings:openai is required for the OpenAI provider", nameof(options));
                services.TryAddSingleton<ITextEmbedder>(_ => new OpenAiEmbedder(openAi));
                break;
            case EmbeddingProvider.None:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Embeddings.Provider, "unknown embedding provider");
        }

        services.TryAddSingleton(sp => new SchemaLinker(options.Linking, sp.GetService<ITextEmbedder>()));
        services.TryAddSingleton(sp => new KnowledgeRetriever(sp.GetRequiredService<IKnowledgeStore>(), options.Retrieval, sp.GetService<ITextEmbedder>()));
        services.TryAddSingleton(sp => new KnowledgeService(
            sp.GetRequiredService<IKnowledgeStore>(), sp.GetRequiredService<ISqlValidator>(), sp.GetRequiredService<SqlPolicy>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetService<ITextEmbedder>()));
        services.TryAddSingleton(sp => new ContextRetriever(
            sp.GetRequiredService<SchemaLinker>(), sp.GetRequiredService<KnowledgeRetriever>(), sp.GetRequiredService<TimeProvider>(), sp.GetService<ITextEmbedder>()));
        return services;
    }
}
