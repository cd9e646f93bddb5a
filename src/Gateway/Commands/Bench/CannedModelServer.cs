using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Gateway.Commands.Bench;

/// <summary>
/// A minimal OpenAI-compatible server on a loopback port that answers every chat completion with the same small
/// body at once: the upstream of <c>gateway bench upstream</c>, so the figures are the forwarding path's own.
/// </summary>
internal sealed class CannedModelServer : IAsyncDisposable
{
    private const string Completion =
        """{"id":"chatcmpl-bench","object":"chat.completion","created":0,"model":"bench-model","choices":[{"index":0,"message":{"role":"assistant","content":"SELECT 1"},"finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":3,"total_tokens":15}}""";

    private readonly WebApplication _app;

    private CannedModelServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<CannedModelServer> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = "bench-upstream" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/v1/models", () => Microsoft.AspNetCore.Http.Results.Text("""{"object":"list","data":[{"id":"bench-model","object":"model","created":0,"owned_by":"bench"}]}""", "application/json"));
        app.MapPost("/v1/chat/completions", async (HttpContext context) =>
        {
            // Read the request as a real server would before answering.
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted).ConfigureAwait(false);
            return Microsoft.AspNetCore.Http.Results.Text(Completion, "application/json");
        });
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return new CannedModelServer(app, new Uri(app.Urls.First()));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
