using Gateway.Audit;
using Gateway.Audit.Keys;
using Gateway.Audit.Trail;
using Gateway.Cli;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gateway.Commands;

/// <summary>
/// The audit and key stores of one data directory (the audit trail wherever the configuration puts it), for the
/// commands that manage them, resolved through the same <see cref="ServiceCollectionExtensions.AddGatewayGovernance"/>
/// registration the server uses.
/// </summary>
internal sealed class GovernanceStores : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private GovernanceStores(ServiceProvider services, GovernanceOptions options)
    {
        _services = services;
        Options = options;
    }

    public GovernanceOptions Options { get; }

    public IAuditStore Audit => _services.GetRequiredService<IAuditStore>();

    public IApiKeyStore Keys => _services.GetRequiredService<IApiKeyStore>();

    /// <param name="audit">The configuration's audit section; default: SQLite in the data directory.</param>
    public static GovernanceStores Open(GatewayEnvironment environment, AuditStoreOptions? audit = null)
    {
        var options = new GovernanceOptions { DataDirectory = environment.DataDirectory, Audit = audit ?? new AuditStoreOptions() };
        var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddGatewayGovernance(options)
            .BuildServiceProvider();
        return new GovernanceStores(services, options);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync().ConfigureAwait(false);
        // Pooled connections would keep the files open after the command returns (and block deleting them).
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
