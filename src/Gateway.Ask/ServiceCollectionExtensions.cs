using Gateway.Ask.Checking;
using Gateway.Ask.Context;
using Gateway.Ask.Conversations;
using Gateway.Ask.Presenting;
using Gateway.Ask.Routing;
using Gateway.Generation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Ask;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// The ask pipeline and its stages, each <c>TryAdd</c>ed so a host can register its own first: another
    /// <see cref="IAskContextProvider"/> (schema linking and retrieval), a <see cref="SqlGeneratorCatalog"/> with the
    /// configured generators (default: none, so data questions get the "no generator configured" route), a
    /// persistent <see cref="IConversationStore"/> (<see cref="AddGatewayConversations"/>; default: in memory). Needs the execution, presentation and governance registrations,
    /// an <c>ISqlValidator</c> and the <c>SqlPolicy</c>.
    /// </summary>
    public static IServiceCollection AddGatewayAsk(this IServiceCollection services, AskOptions? options = null)
    {
        services.TryAddSingleton((options ?? new AskOptions()).Validated());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(SqlGeneratorCatalog.Empty);
        services.TryAddSingleton<QuestionRouter>();
        services.TryAddSingleton<SchemaGuide>();
        services.TryAddSingleton<ConversationResponder>();
        services.TryAddSingleton<IAskContextProvider, SchemaDdlContextProvider>();
        services.TryAddSingleton<ReadOnlyRunner>();
        services.TryAddSingleton<AnalysisWriter>();
        services.TryAddSingleton<PresentStage>();
        services.TryAddSingleton<IConversationStore, InMemoryConversationStore>();
        services.TryAddSingleton<AskPipeline>();
        return services;
    }

    /// <summary>Conversations in the metadata store <paramref name="store"/> names (SQLite in <paramref name="dataDirectory"/> by default, or PostgreSQL).</summary>
    public static IServiceCollection AddGatewayConversations(this IServiceCollection services, Gateway.Context.Knowledge.KnowledgeStoreOptions store, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(store);
        services.TryAddSingleton<IConversationStore>(sp => ConversationStores.Open(store, dataDirectory, sp.GetRequiredService<AskOptions>(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
