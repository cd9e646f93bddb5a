using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Gateway.Api.Tests.Telemetry;

/// <summary>
/// OTLP export is switched by <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>. A real OTLP/HTTP receiver on loopback records what
/// arrives; the gateway's shutdown flushes its exporters, so no waiting is needed.
/// </summary>
public sealed class OtlpExportTests
{
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private Receiver(WebApplication app) => _app = app;

        public ConcurrentBag<string> Paths { get; } = [];

        public string Endpoint { get; private set; } = string.Empty;

        public static async Task<Receiver> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var receiver = new Receiver(app);
            app.MapPost("/v1/{signal}", (HttpContext context, string signal) =>
            {
                receiver.Paths.Add($"{signal} {context.Request.ContentType}");
                return Results.Ok();
            });
            await app.StartAsync();
            receiver.Endpoint = GatewayApiHost.BoundAddresses(app)[0];
            return receiver;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private static async Task ValidateOnceAndStopAsync(Func<GatewayApiOptions, GatewayApiOptions>? configure, Action<Microsoft.Extensions.Configuration.IConfigurationManager>? configuration)
    {
        var server = await GatewayServer.StartAsync(configure, configuration: configuration);
        await using (server)
        {
            using var response = await server.ValidateAsync(new { dialect = "postgres", sql = "DROP TABLE users" });
            Assert.True(response.IsSuccessStatusCode);
        }
    }

    [Fact]
    public async Task Traces_and_metrics_go_to_the_otlp_endpoint_when_it_is_set()
    {
        await using var receiver = await Receiver.StartAsync();

        await ValidateOnceAndStopAsync(null, config =>
        {
            config["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint;
            config["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        });

        Assert.Contains(receiver.Paths, p => p.StartsWith("traces application/x-protobuf", StringComparison.Ordinal));
        Assert.Contains(receiver.Paths, p => p.StartsWith("metrics", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Nothing_is_exported_without_the_endpoint_variable()
    {
        await using var receiver = await Receiver.StartAsync();

        // A signal-specific endpoint alone would be honoured by the SDK; the gateway's switch is the general variable.
        await ValidateOnceAndStopAsync(null, config =>
        {
            config["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] = receiver.Endpoint + "/v1/traces";
            config["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        });

        Assert.Empty(receiver.Paths);
    }
}
