using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Generation;
using Gateway.Generation.OpenAi;
using Gateway.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Api.Tests.Ask;

/// <summary>The real gateway with a generator (and optionally a chat model) on a scripted OpenAI-compatible endpoint.</summary>
internal static class AskServer
{
    public const string Model = "scripted-sql";

    public static Task<GatewayServer> StartAsync(ScriptedChatEndpoint? generator, ScriptedChatEndpoint? chat = null, Func<GatewayApiOptions, GatewayApiOptions>? configure = null) =>
        GatewayServer.StartAsync(configure, services =>
        {
            var generators = new Dictionary<string, ISqlGenerator>();
            if (generator is not null)
            {
                generators["scripted"] = new OpenAiCompatibleGenerator(new OpenAiGeneratorOptions { BaseUrl = generator.BaseUrl, Model = Model });
            }

            IChatModel? chatModel = chat is null ? null : new OpenAiChatModel(new OpenAiGeneratorOptions { BaseUrl = chat.BaseUrl, Model = "scripted-chat" });
            services.AddSingleton(new SqlGeneratorCatalog(generators, chat: chatModel));
        });

    public static async Task<HttpResponseMessage> AskAsync(this GatewayServer server, object body, string? key = null, string path = "/v1/ask")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("X-API-Key", key);
        }

        return await server.Client.SendAsync(request);
    }

    public static async Task<JsonElement> AskJsonAsync(this GatewayServer server, object body)
    {
        using var response = await server.AskAsync(body);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await GatewayServer.JsonAsync(response);
    }
}
