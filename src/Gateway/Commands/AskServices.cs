using Gateway.Ask;
using Gateway.Ask.Context;
using Gateway.Audit;
using Gateway.Context;
using Gateway.Execution;
using Gateway.Generation;
using Gateway.Presentation;
using Gateway.Sql.Policy;
using Gateway.Sql.Validation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gateway.Commands;

/// <summary>
/// The ask pipeline composed in process for the command line (<c>gateway ask</c>, <c>gateway bench ask</c>), from
/// the same registrations the server uses: the configured audit trail, schema cache and knowledge store, the
/// policy, the configured generators.
/// </summary>
internal sealed class AskServices : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private AskServices(ServiceProvider services) => _services = services;

    public AskPipeline Pipeline => _services.GetRequiredService<AskPipeline>();

    /// <param name="audit">Where the asks are audited; default: SQLite in <paramref name="dataDirectory"/>.</param>
    public static AskServices Create(string dataDirectory, SqlPolicy policy, AskOptions options, SqlGeneratorCatalog generators, ContextOptions context, AuditStoreOptions? audit = null)
    {
        var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddMetrics()
            .AddSingleton(policy)
            .AddSingleton<ISqlValidator, SqlValidator>()
            // A factory registration, so the provider disposes the catalog (and the models it loaded) with itself.
            .AddSingleton(_ => generators)
            .AddGatewayGovernance(new GovernanceOptions { DataDirectory = dataDirectory, Audit = audit ?? new AuditStoreOptions() })
            .AddGatewayExecution(Path.Combine(dataDirectory, "schema-cache"))
            .AddGatewayPresentation()
            .AddGatewayContext(context)
            .AddGatewayConversations(context.Store, context.DataDirectory)
            .AddSingleton<IAskContextProvider, LinkedContextProvider>()
            .AddGatewayAsk(options)
            .BuildServiceProvider();
        return new AskServices(services);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync().ConfigureAwait(false);
        // Pooled connections would keep the files open after the command returns (and block deleting them).
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
