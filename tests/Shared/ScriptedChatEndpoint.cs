using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gateway.Testing;

/// <summary>
/// A real HTTP server on a loopback port that speaks the OpenAI chat-completions wire format and answers with
/// scripted replies, in order, recording every request it gets. It stands in for an OpenAI-compatible model server
/// when testing the client and the pipeline over it; the gateway's own /v1/chat/completions can replace it.
/// </summary>
internal sealed class ScriptedChatEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Scripted> _replies = new();
    private readonly List<RecordedChat> _requests = [];

    private ScriptedChatEndpoint(WebApplication app) => _app = app;

    /// <summary>The base address to configure a client with (<c>http://127.0.0.1:PORT/v1</c>).</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<RecordedChat> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public static async Task<ScriptedChatEndpoint> StartAsync(params string[] replies)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var endpoint = new ScriptedChatEndpoint(app);
        app.MapPost("/v1/chat/completions", endpoint.AnswerAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        endpoint.BaseUrl = new Uri(address.TrimEnd('/') + "/v1");
        foreach (var reply in replies)
        {
            endpoint.Reply(reply);
        }

        return endpoint;
    }

    /// <summary>Queues one answer with one choice per text.</summary>
    public void Reply(params string[] choices) => _replies.Enqueue(new Scripted(200, choices));

    /// <summary>Queues a failure with this status code.</summary>
    public void Fail(int status) => _replies.Enqueue(new Scripted(status, []));

    private async Task AnswerAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        lock (_requests)
        {
            _requests.Add(new RecordedChat(JsonNode.Parse(body)!.AsObject(), context.Request.Headers.Authorization.ToString()));
        }

        if (!_replies.TryDequeue(out var scripted))
        {
            scripted = new Scripted(500, []);
        }

        context.Response.StatusCode = scripted.Status;
        if (scripted.Status != 200)
        {
            await context.Response.WriteAsJsonAsync(new { error = new { message = "scripted failure", type = "server_error" } });
            return;
        }

        var model = JsonNode.Parse(body)!["model"]!.GetValue<string>();
        await context.Response.WriteAsJsonAsync(new
        {
            id = "chatcmpl-scripted",
            @object = "chat.completion",
            created = 1_700_000_000,
            model,
            choices = scripted.Choices.Select((text, index) => new
            {
                index,
                message = new { role = "assistant", content = text },
                finish_reason = "stop",
            }),
            usage = new { prompt_tokens = 1, completion_tokens = 1, total_tokens = 2 },
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed record Scripted(int Status, string[] Choices);
}

/// <summary>One request the scripted endpoint received.</summary>
internal sealed record RecordedChat(JsonObject Body, string Authorization)
{
    public string Model => Body["model"]!.GetValue<string>();

    public int? N => Body["n"]?.GetValue<int>();

    public IReadOnlyList<(string Role, string Content)> Messages =>
        [.. Body["messages"]!.AsArray().Select(m => (m!["role"]!.GetValue<string>(), m["content"]!.GetValue<string>()))];

    /// <summary>The text of the last user message: the prompt.</summary>
    public string Prompt => Messages.Last(m => m.Role == "user").Content;

    public string Json => Body.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
}
