using System.ClientModel;
using System.Text;
using Gateway.Audit.Keys;
using OpenAI;
using OpenAI.Chat;

namespace Gateway.Api.Tests.Models;

/// <summary>The official OpenAI .NET client, pointed at the gateway over real HTTP, as any OpenAI application would be.</summary>
public sealed class OpenAiClientTests(TinyChatModel model) : IClassFixture<TinyChatModel>
{
    private static ChatClient Client(GatewayServer server, string key, string modelName = TinyChatModel.Name) =>
        new(modelName, new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = new Uri(server.Address, "/v1") });

    private static ChatMessage[] Conversation =>
    [
        new SystemChatMessage("You are a data analyst."),
        new UserChatMessage("Which region sold the most?"),
    ];

    private static async Task<(GatewayServer Server, string Key)> StartAsync(TinyChatModel model)
    {
        // Off loopback: the client must authenticate with a gateway key.
        var server = await GatewayServer.StartAsync(o => model.Serve(o with { Urls = ["http://0.0.0.0:0"] }));
        return (server, await server.CreateKeyAsync(GatewayRoles.Analyst));
    }

    [Fact]
    public async Task Official_client_completes_a_chat()
    {
        var (server, key) = await StartAsync(model);
        await using var _ = server;

        ChatCompletion completion = await Client(server, key).CompleteChatAsync(Conversation, new ChatCompletionOptions { MaxOutputTokenCount = 10 });

        Assert.Equal(ChatMessageRole.Assistant, completion.Role);
        Assert.Equal(TinyChatModel.Name, completion.Model);
        Assert.Contains(completion.FinishReason, new[] { ChatFinishReason.Stop, ChatFinishReason.Length });
        Assert.InRange(completion.Usage.OutputTokenCount, 1, 10);
        Assert.Equal(completion.Usage.InputTokenCount + completion.Usage.OutputTokenCount, completion.Usage.TotalTokenCount);
    }

    [Fact]
    public async Task Official_client_streams_the_same_text_it_gets_whole()
    {
        var (server, key) = await StartAsync(model);
        await using var _ = server;
        var client = Client(server, key);
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 20 };
        ChatCompletion whole = await client.CompleteChatAsync(Conversation, options);

        var streamed = new StringBuilder();
        ChatFinishReason? finish = null;
        await foreach (var update in client.CompleteChatStreamingAsync(Conversation, options))
        {
            foreach (var part in update.ContentUpdate)
            {
                streamed.Append(part.Text);
            }

            finish ??= update.FinishReason;
        }

        Assert.Equal(string.Concat(whole.Content.Select(p => p.Text)), streamed.ToString());
        Assert.Equal(whole.FinishReason, finish);
    }

    [Fact]
    public async Task Official_client_sees_an_unknown_model_as_404()
    {
        var (server, key) = await StartAsync(model);
        await using var _ = server;

        var error = await Assert.ThrowsAsync<ClientResultException>(() => Client(server, key, "no-such-model").CompleteChatAsync(Conversation));

        Assert.Equal(404, error.Status);
        Assert.Contains("model_not_found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Official_client_with_an_unknown_key_is_401()
    {
        var (server, _) = await StartAsync(model);
        await using var __ = server;

        var error = await Assert.ThrowsAsync<ClientResultException>(() => Client(server, "gw_not-a-real-key").CompleteChatAsync(Conversation));

        Assert.Equal(401, error.Status);
    }
}
