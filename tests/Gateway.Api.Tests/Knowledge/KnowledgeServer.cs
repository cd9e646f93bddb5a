using System.Net.Http.Json;
using Gateway.Context;
using Gateway.Context.Embeddings;

namespace Gateway.Api.Tests.Knowledge;

/// <summary>
/// The gateway with its knowledge store in its data directory, ranking lexically (the MiniLM encoder is covered by
/// Gateway.Context.Tests; here it would only slow every test down), and request helpers for the knowledge routes.
/// </summary>
internal static class KnowledgeServer
{
    public static Task<GatewayServer> StartAsync() =>
        GatewayServer.StartAsync(o => o with
        {
            Context = new ContextOptions { DataDirectory = o.DataDirectory, Embeddings = new EmbeddingOptions { Provider = EmbeddingProvider.None } },
        });

    public static Task<HttpResponseMessage> SendAsync(this GatewayServer server, HttpMethod method, string path, object? body = null, string? key = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (key is not null)
        {
            request.Headers.Add("X-API-Key", key);
        }

        return server.Client.SendAsync(request);
    }
}
