using Gateway.Audit.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Gateway.Api.Telemetry;

/// <summary>
/// The exporters, wired only here and in the executable. Prometheus is always on (<c>/metrics</c>); OTLP for traces,
/// metrics and logs only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, and then configured by the standard
/// <c>OTEL_*</c> variables (protocol, headers, service name) as the SDK reads them.
/// </summary>
internal static class OpenTelemetrySetup
{
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        var otel = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("gateway", serviceVersion: typeof(OpenTelemetrySetup).Assembly.GetName().Version?.ToString()))
            .WithTracing(tracing => tracing
                .AddSource(GatewayActivitySource.Name)
                .AddAspNetCoreInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter(GatewayMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                // No scrape cache: a scrape right after a request must see it (the default caches for 300 ms).
                .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));

        if (!string.IsNullOrWhiteSpace(configuration[OtlpEndpointVariable]))
        {
            otel.WithLogging().UseOtlpExporter();
        }
    }
}
