using Gateway.Audit.Keys;
using Gateway.Audit.Sqlite;
using Gateway.Audit.Telemetry;
using Gateway.Audit.Trail;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Gateway.Audit;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// The audit trail (the store <see cref="GovernanceOptions.Audit"/> names), the key store and the metrics. Each
    /// is <c>TryAdd</c>ed, so a host can put its own in first. <see cref="GatewayMetrics"/> needs the host's
    /// <c>IMeterFactory</c> (<c>AddMetrics()</c>; ASP.NET Core hosts have it already).
    /// </summary>
    public static IServiceCollection AddGatewayGovernance(this IServiceCollection services, GovernanceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(options);
        services.TryAddSingleton<GatewayMetrics>();
        services.TryAddSingleton<IAuditStore>(sp => AuditStores.Open(options, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>()));
        services.TryAddSingleton<IApiKeyStore>(sp => new SqliteApiKeyStore(
            options.ResolvedKeysPath, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SqliteApiKeyStore>>()));
        return services;
    }
}
