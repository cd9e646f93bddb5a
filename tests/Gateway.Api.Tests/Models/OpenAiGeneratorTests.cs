using System.Net.Http.Json;
using Gateway.Audit.Keys;
using Gateway.Audit.Trail;
using Gateway.Generation;
using Gateway.Generation.OpenAi;
using Gateway.Generation.Prompting;
using Gateway.Sql.Dialects;

namespace Gateway.Api.Tests.Models;

/// <summary>
/// The OpenAI back end (official SDK) against a real OpenAI-compatible server: this gateway's own
/// /v1/chat/completions on loopback, serving a tiny local model the fixture writes, with keys required.
/// </summary>
public sealed class OpenAiGeneratorTests(TinyChatModel model) : IClassFixture<TinyChatModel>, IAsyncLifetime
{
    private const int MaxTokens = 12;

    // The tiny model reads at most 512 byte tokens; the shipped template alone is longer. Users edit templates too.
    private static readonly TextToSqlPrompt ShortPrompt = new(Gateway.Model.Prompting.PromptTemplate.Parse("{dialect} tables:\n{ddl}\nQ: {question}\nSQL:", "test template"));

    private readonly string _keyVariable = $"GATEWAY_TEST_OPENAI_KEY_{Guid.NewGuid():N}";
    private GatewayServer _server = null!;
    private string _key = null!;

    public async Task InitializeAsync()
    {
        _server = await GatewayServer.StartAsync(o => model.Serve(o with { Anonymous = AnonymousMode.Off }));
        _key = (await _server.Keys.CreateAsync("sdk-client", GatewayRoles.Analyst, ["*"])).Secret;
        Environment.SetEnvironmentVariable(_keyVariable, _key);
    }

    public async Task DisposeAsync()
    {
        Environment.SetEnvironmentVariable(_keyVariable, null);
        await _server.DisposeAsync();
    }

    private OpenAiGeneratorOptions Options(string modelName = TinyChatModel.Name) => new()
    {
        BaseUrl = new Uri(_server.Address, "/v1"),
        Model = modelName,
        ApiKey = ApiKeySource.FromEnvironment(_keyVariable),
        MaxTokens = MaxTokens,
    };

    private static GenerationRequest Request(int candidates = 1) => new()
    {
        Question = "How many regions are there?",
        Dialect = SqlDialectKind.Sqlite,
        SchemaDdl = "CREATE TABLE regions (region_id INTEGER PRIMARY KEY, name TEXT);",
        Candidates = candidates,
    };

    /// <summary>The model's greedy reply to a prompt, asked over plain HTTP, to compare the SDK's path with.</summary>
    private async Task<string> DirectReplyAsync(string prompt)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = JsonContent.Create(new
            {
                model = TinyChatModel.Name,
                messages = new[] { new { role = "user", content = prompt } },
                temperature = 0,
                max_tokens = MaxTokens,
            }),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _key);
        using var response = await _server.Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await GatewayServer.JsonAsync(response)).GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
    }

    [Fact]
    public async Task The_reply_comes_back_through_the_sdk_and_is_parsed_as_the_parser_reads_the_models_text()
    {
        var generator = new OpenAiCompatibleGenerator(Options(), ShortPrompt);

        var candidate = Assert.Single(await generator.GenerateAsync(Request()));

        var text = await DirectReplyAsync(ShortPrompt.Compose(Request()));
        Assert.Equal(text, candidate.Reply);
        Assert.Equal(SqlReplyParser.Parse(text, "openai:tiny-chat"), candidate);
    }

    [Fact]
    public async Task The_request_reaches_the_gateway_under_the_key_from_the_environment_and_is_audited_for_it()
    {
        var generator = new OpenAiCompatibleGenerator(Options(), ShortPrompt);

        await generator.GenerateAsync(Request());

        var record = Assert.Single((await _server.Audit.QueryAsync(new AuditFilter { Principal = "sdk-client" }, cursor: null, limit: 10)).Records);
        Assert.Equal(AuditVerdict.Allowed, record.Verdict);
        Assert.Equal(TinyChatModel.Name, record.ModelId);
        Assert.Equal($"model:{TinyChatModel.Name}", record.Source);
    }

    [Fact]
    public async Task Several_candidates_come_back_as_one_choice_each()
    {
        var generator = new OpenAiCompatibleGenerator(Options(), ShortPrompt);

        var candidates = await generator.GenerateAsync(Request(candidates: 2));

        Assert.Equal(2, candidates.Count);
        Assert.All(candidates, c => Assert.Equal("openai:tiny-chat", c.ModelId));
    }

    [Fact]
    public async Task The_streamed_pieces_add_up_to_the_whole_reply()
    {
        var chat = new OpenAiChatModel(Options());
        ChatTurn[] conversation = [new(ChatRole.System, "You are a data analyst."), new(ChatRole.User, "Which region sold the most?")];

        var whole = await chat.CompleteAsync(conversation);
        var pieces = new List<string>();
        await foreach (var piece in chat.StreamAsync(conversation))
        {
            pieces.Add(piece);
        }

        Assert.NotEmpty(pieces);
        Assert.Equal(whole, string.Concat(pieces).Trim());
    }

    [Fact]
    public async Task A_key_the_gateway_does_not_know_is_an_unauthorized_failure_with_status_401_that_never_echoes_the_key()
    {
        Environment.SetEnvironmentVariable(_keyVariable, "gw_not-a-real-key");
        var generator = new OpenAiCompatibleGenerator(Options(), ShortPrompt);

        var error = await Assert.ThrowsAsync<GenerationException>(() => generator.GenerateAsync(Request()));

        Assert.Equal(GenerationFailure.Unauthorized, error.Failure);
        Assert.Equal(401, error.Status);
        Assert.DoesNotContain("gw_not-a-real-key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_the_gateway_does_not_serve_is_a_model_not_found_failure_naming_it()
    {
        var generator = new OpenAiCompatibleGenerator(Options("no-such-model"), ShortPrompt);

        var error = await Assert.ThrowsAsync<GenerationException>(() => generator.GenerateAsync(Request()));

        Assert.Equal(GenerationFailure.ModelNotFound, error.Failure);
        Assert.Equal(404, error.Status);
        Assert.Contains("'no-such-model'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failure_while_streaming_is_the_same_typed_failure()
    {
        var chat = new OpenAiChatModel(Options("no-such-model"));

        var error = await Assert.ThrowsAsync<GenerationException>(async () =>
        {
            await foreach (var _ in chat.StreamAsync([new ChatTurn(ChatRole.User, "hi")]))
            {
            }
        });

        Assert.Equal(GenerationFailure.ModelNotFound, error.Failure);
    }
}
