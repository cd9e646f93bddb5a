using System.Text;
using System.Text.Json;
using Gateway.Ask;
using Microsoft.AspNetCore.Http;

namespace Gateway.Api.Ask;

/// <summary>
/// Writes each completed stage of an ask as a server-sent event (<c>event: STAGE</c>, <c>data: {"elapsed_ms": ...,
/// ...}</c>) and flushes it, so a client sees route, context, generate, check, execute and present as they happen;
/// the full answer follows as <c>event: result</c>, or a failure as <c>event: error</c>.
/// </summary>
internal sealed class ServerSentEventsObserver(HttpResponse response) : IAskObserver
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public bool Started { get; private set; }

    public async ValueTask StageCompletedAsync(AskStageEvent stage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stage);
        var data = new Dictionary<string, object?>(stage.Data) { ["elapsed_ms"] = stage.ElapsedMs };
        await WriteAsync(stage.Stage, JsonSerializer.Serialize(data, Json), cancellationToken).ConfigureAwait(false);
    }

    public async Task WriteAsync(string eventName, string json, CancellationToken cancellationToken)
    {
        if (!Started)
        {
            Started = true;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "text/event-stream";
            response.Headers.CacheControl = "no-cache";
            // Proxies that buffer (nginx) would hold the events back until the end.
            response.Headers["X-Accel-Buffering"] = "no";
        }

        // The JSON is written on one line: a newline inside data would start a new field.
        await response.WriteAsync($"event: {eventName}\ndata: {json}\n\n", Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
