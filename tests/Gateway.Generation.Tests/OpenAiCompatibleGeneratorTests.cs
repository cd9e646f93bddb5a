using Gateway.Generation.OpenAi;
using Gateway.Sql.Dialects;
using Gateway.Testing;

namespace Gateway.Generation.Tests;

/// <summary>The OpenAI back end against a real OpenAI-compatible HTTP server on loopback.</summary>
public sealed class OpenAiCompatibleGeneratorTests
{
    private static GenerationRequest Request(int candidates = 1) => new()
    {
        Question = "How many regions are there?",
        Dialect = SqlDialectKind.Sqlite,
        SchemaDdl = "CREATE TABLE regions (region_id INTEGER PRIMARY KEY, name TEXT);",
        Candidates = candidates,
    };

    private static OpenAiGeneratorOptions Options(ScriptedChatEndpoint endpoint) => new() { BaseUrl = endpoint.BaseUrl, Model = "scripted-model" };

    [Fact]
    public async Task The_prompt_from_the_template_is_sent_as_the_user_message_to_the_configured_model()
    {
        await using var endpoint = await ScriptedChatEndpoint.StartAsync("SELECT COUNT(*) FROM regions");
        var generator = new OpenAiCompatibleGenerator(Options(endpoint));

        await generator.GenerateAsync(Request());

        var request = Assert.Single(endpoint.Requests);
        Assert.Equal("scripted-model", request.Model);
        Assert.Contains("===Tables\nCREATE TABLE regions", request.Prompt, StringComparison.Ordinal);
        Assert.Contains("===Question\nHow many regions are there?", request.Prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_reply_is_parsed_into_a_candidate_with_the_model_id()
    {
        await using var endpoint = await ScriptedChatEndpoint.StartAsync("```sql\nSELECT COUNT(*) FROM regions\n```");
        var generator = new OpenAiCompatibleGenerator(Options(endpoint));

        var candidate = Assert.Single(await generator.GenerateAsync(Request()));

        Assert.Equal(CandidateKind.Sql, candidate.Kind);
        Assert.Equal("SELECT COUNT(*) FROM regions", candidate.Sql);
        Assert.Equal("openai:scripted-model", candidate.ModelId);
    }

    [Fact]
    public async Task Several_candidates_are_asked_for_with_n_and_every_choice_is_returned()
    {
        await using var endpoint = await ScriptedChatEndpoint.StartAsync();
        endpoint.Reply("SELECT COUNT(*) FROM regions", "The question cannot be answered.");
        var generator = new OpenAiCompatibleGenerator(Options(endpoint));

        var candidates = await generator.GenerateAsync(Request(candidates: 2));

        Assert.Equal(2, Assert.Single(endpoint.Requests).N);
        Assert.Equal([CandidateKind.Sql, CandidateKind.Refusal], candidates.Select(c => c.Kind));
    }

    [Fact]
    public async Task The_api_key_is_read_from_the_named_environment_variable_and_sent_as_a_bearer_token()
    {
        var variable = $"GATEWAY_TEST_KEY_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(variable, "sk-test-secret");
        try
        {
            await using var endpoint = await ScriptedChatEndpoint.StartAsync("SELECT 1");
            var generator = new OpenAiCompatibleGenerator(Options(endpoint) with { ApiKey = ApiKeySource.FromEnvironment(variable) });

            await generator.GenerateAsync(Request());

            Assert.Equal("Bearer sk-test-secret", Assert.Single(endpoint.Requests).Authorization);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task A_missing_key_variable_fails_before_any_request_naming_the_variable_not_a_key()
    {
        await using var endpoint = await ScriptedChatEndpoint.StartAsync("SELECT 1");
        var generator = new OpenAiCompatibleGenerator(Options(endpoint) with { ApiKey = ApiKeySource.FromEnvironment("GATEWAY_TEST_UNSET_KEY") });

        var error = await Assert.ThrowsAsync<GenerationException>(() => generator.GenerateAsync(Request()));

        Assert.Contains("GATEWAY_TEST_UNSET_KEY", error.Message, StringComparison.Ordinal);
        Assert.Empty(endpoint.Requests);
    }

    [Fact]
    public async Task An_endpoint_error_is_a_generation_exception_with_its_status()
    {
        await using var endpoint = await ScriptedChatEndpoint.StartAsync();
        endpoint.Fail(400);
        var generator = new OpenAiCompatibleGenerator(Options(endpoint));

        var error = await Assert.ThrowsAsync<GenerationException>(() => generator.GenerateAsync(Request()));

        Assert.Contains("400", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_endpoint_is_a_generation_exception()
    {
        int port;
        using (var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }

        var generator = new OpenAiCompatibleGenerator(new OpenAiGeneratorOptions { BaseUrl = new Uri($"http://127.0.0.1:{port}/v1"), Model = "m" });

        await Assert.ThrowsAsync<GenerationException>(() => generator.GenerateAsync(Request()));
    }

    [Fact]
    public async Task The_chat_model_sends_the_system_and_user_turns_and_returns_the_reply()
    {
        await using var endpoint = await ScriptedChatEndpoint.StartAsync("  I am a data analyst.  ");
        var chat = new OpenAiChatModel(Options(endpoint));

        var reply = await chat.CompleteAsync([new ChatTurn(ChatRole.System, "be brief"), new ChatTurn(ChatRole.User, "who are you?")]);

        Assert.Equal("I am a data analyst.", reply);
        Assert.Equal([("system", "be brief"), ("user", "who are you?")], Assert.Single(endpoint.Requests).Messages);
    }
}
