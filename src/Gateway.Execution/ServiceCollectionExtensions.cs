using Gateway.Execution.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Execution;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// The execute stage: <see cref="IQueryExecutorFactory"/>, <see cref="SchemaIntrospector"/> and a
    /// <see cref="SchemaCache"/> (on disk under <paramref name="schemaCacheFolder"/> when given). Each is
    /// <c>TryAdd</c>ed, so a host can register its own first.
    /// </summary>
    public static IServiceCollection AddGatewayExecution(this IServiceCollection services, string? schemaCacheFolder = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IQueryExecutorFactory, QueryExecutorFactory>();
        services.TryAddSingleton(sp => new SchemaIntrospector(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new SchemaCache(schemaCacheFolder, time: sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
