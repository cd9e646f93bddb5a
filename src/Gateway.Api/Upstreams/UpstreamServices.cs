using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Yarp.ReverseProxy.Health;

namespace Gateway.Api.Upstreams;

/// <summary>Registers YARP for the configured upstreams and adds its routes to the pipeline; nothing when there are none.</summary>
internal static class UpstreamServices
{
    public static void Add(IServiceCollection services, UpstreamCatalog catalog)
    {
        services.AddSingleton(catalog);
        if (catalog.IsEmpty)
        {
            return;
        }

        services.AddReverseProxy()
            .LoadFromMemory(UpstreamProxyConfig.Routes(catalog), UpstreamProxyConfig.Clusters(catalog))
            .AddTransforms(builder => UpstreamTransforms.Apply(builder, catalog));
        services.Replace(ServiceDescriptor.Singleton<IProbingRequestFactory, UpstreamProbeFactory>());
        services.TryAddSingleton<UpstreamAudit>();
    }

    /// <summary>Before routing: picks the upstream from the body, so the upstream's route can match.</summary>
    public static void UseSelector(WebApplication app)
    {
        if (!app.Services.GetRequiredService<UpstreamCatalog>().IsEmpty)
        {
            app.UseMiddleware<UpstreamSelector>();
        }
    }

    public static void Map(WebApplication app)
    {
        if (app.Services.GetRequiredService<UpstreamCatalog>().IsEmpty)
        {
            return;
        }

        var audit = app.Services.GetRequiredService<UpstreamAudit>();
        app.MapReverseProxy(proxy =>
        {
            proxy.Use(audit.InvokeAsync);
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
    }
}
