using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Gateway.Api.Tests.Upstreams;

/// <summary>
/// A real OpenAI-compatible server on a loopback port: answers <c>/v1/models</c> (or 503 when unhealthy) and
/// <c>/v1/chat/completions</c> with "from NAME", whole or streamed, and records what each request carried.
/// </summary>
internal sealed class FakeModelServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeModelServer(WebApplication app, string name)
    {
        _app = app;
        Name = name;
    }

    public string Name { get; }

    public string Address { get; private set; } = "";

    public bool Healthy { get; set; } = true;

    public ConcurrentQueue<ReceivedRequest> Completions { get; } = new();

    public ConcurrentQueue<string?> ProbeAuthorizations { get; } = new();

    public static async Task<FakeModelServer> StartAsync(string name, bool healthy = true)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeModelServer(app, name) { Healthy = healthy };
        app.MapGet("/v1/models", (HttpContext context) =>
        {
            server.ProbeAuthorizations.Enqueue(context.Request.Headers.Authorization.ToString());
            return server.Healthy
                ? Results.Json(new { @object = "list", data = new[] { new { id = "remote", @object = "model", created = 0, owned_by = name } } })
                : Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        });
        app.MapPost("/v1/chat/completions", server.CompleteAsync);
        await app.StartAsync();
        server.Address = app.Urls.First();
        return server;
    }

    private async Task CompleteAsync(HttpContext context)
    {
        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        var model = body.RootElement.GetProperty("model").GetString()!;
        Completions.Enqueue(new ReceivedRequest(
            model,
            context.Request.Headers.Authorization.ToString(),
            context.Request.Headers.ContainsKey("X-API-Key"),
            context.Request.Headers.ContainsKey(Api.Upstreams.UpstreamSelector.Header)));
        var content = $"from {Name}";
        if (body.RootElement.TryGetProperty("stream", out var stream) && stream.GetBoolean())
        {
            context.Response.ContentType = "text/event-stream";
            foreach (var delta in new[] { new { role = "assistant", content = "" }, new { role = "assistant", content } })
            {
                var chunk = new { id = "up-1", @object = "chat.completion.chunk", created = 0, model, choices = new[] { new { index = 0, delta, finish_reason = (string?)null } } };
                await context.Response.WriteAsync($"data: {JsonSerializer.Serialize(chunk)}\n\n");
                await context.Response.Body.FlushAsync();
            }

            var last = new { id = "up-1", @object = "chat.completion.chunk", created = 0, model, choices = new[] { new { index = 0, delta = new { }, finish_reason = "stop" } } };
            await context.Response.WriteAsync($"data: {JsonSerializer.Serialize(last)}\n\ndata: [DONE]\n\n");
            return;
        }

        await context.Response.WriteAsJsonAsync(new
        {
            id = "up-1",
            @object = "chat.completion",
            created = 0,
            model,
            choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
            usage = new { prompt_tokens = 3, completion_tokens = 2, total_tokens = 5 },
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

internal sealed record ReceivedRequest(string Model, string Authorization, bool HadApiKeyHeader, bool HadRoutingHeader);
