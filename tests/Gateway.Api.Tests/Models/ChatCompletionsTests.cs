using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gateway.Audit.Keys;
using Gateway.Audit.Trail;

namespace Gateway.Api.Tests.Models;

public sealed class ChatCompletionsTests(TinyChatModel model) : IClassFixture<TinyChatModel>
{
    private static object Chat(string model = TinyChatModel.Name, int maxTokens = 16, bool stream = false, object? stop = null) => new
    {
        model,
        messages = new object[]
        {
            new { role = "system", content = "You are a data analyst." },
            new { role = "user", content = "How many orders were shipped last month?" },
        },
        max_tokens = maxTokens,
        stream,
        stop,
    };

    private static async Task<HttpResponseMessage> PostAsync(GatewayServer server, object body, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        }

        return await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    private static async Task<(List<JsonElement> Chunks, bool Done)> ReadEventsAsync(HttpResponseMessage response)
    {
        var chunks = new List<JsonElement>();
        var done = false;
        foreach (var line in (await response.Content.ReadAsStringAsync()).Split('\n'))
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal))
            {
                continue;
            }

            Assert.False(done, "nothing may follow data: [DONE]");
            var data = line["data: ".Length..];
            if (data == "[DONE]")
            {
                done = true;
                continue;
            }

            chunks.Add(JsonDocument.Parse(data).RootElement.Clone());
        }

        return (chunks, done);
    }

    [Fact]
    public async Task Completion_answers_in_the_openai_shape_with_usage()
    {
        await using var server = await GatewayServer.StartAsync(model.Serve);

        using var response = await PostAsync(server, Chat(maxTokens: 8));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await GatewayServer.JsonAsync(response);
        Assert.Equal("chat.completion", json.GetProperty("object").GetString());
        Assert.StartsWith("chatcmpl-", json.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal(TinyChatModel.Name, json.GetProperty("model").GetString());
        var choice = Assert.Single(json.GetProperty("choices").EnumerateArray());
        Assert.Equal("assistant", choice.GetProperty("message").GetProperty("role").GetString());
        Assert.Equal(JsonValueKind.String, choice.GetProperty("message").GetProperty("content").ValueKind);
        Assert.Contains(choice.GetProperty("finish_reason").GetString(), new[] { "stop", "length" });
        var usage = json.GetProperty("usage");
        var completionTokens = usage.GetProperty("completion_tokens").GetInt32();
        Assert.InRange(completionTokens, 1, 8);
        Assert.True(usage.GetProperty("prompt_tokens").GetInt32() > "How many orders were shipped last month?".Length);
        Assert.Equal(usage.GetProperty("prompt_tokens").GetInt32() + completionTokens, usage.GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public async Task Streamed_chunks_end_with_done_and_add_up_to_the_whole_answer()
    {
        await using var server = await GatewayServer.StartAsync(model.Serve);
        using var whole = await PostAsync(server, Chat(maxTokens: 24));
        var expected = (await GatewayServer.JsonAsync(whole)).GetProperty("choices")[0];

        using var response = await PostAsync(server, Chat(maxTokens: 24, stream: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var (chunks, done) = await ReadEventsAsync(response);
        Assert.True(done);
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString()));
        Assert.Single(chunks.Select(c => c.GetProperty("id").GetString()).Distinct());
        Assert.Equal("assistant", chunks[0].GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
        var content = string.Concat(chunks.Select(c => c.GetProperty("choices")[0].GetProperty("delta"))
            .Where(d => d.TryGetProperty("content", out _)).Select(d => d.GetProperty("content").GetString()));
        Assert.Equal(expected.GetProperty("message").GetProperty("content").GetString(), content);
        Assert.Equal(expected.GetProperty("finish_reason").GetString(), chunks[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task Stream_with_include_usage_ends_with_a_usage_chunk_without_choices()
    {
        await using var server = await GatewayServer.StartAsync(model.Serve);

        using var response = await PostAsync(server, new
        {
            model = TinyChatModel.Name,
            messages = new[] { new { role = "user", content = "hi" } },
            max_tokens = 5,
            stream = true,
            stream_options = new { include_usage = true },
        });

        var (chunks, done) = await ReadEventsAsync(response);
        Assert.True(done);
        Assert.Equal(0, chunks[^1].GetProperty("choices").GetArrayLength());
        Assert.InRange(chunks[^1].GetProperty("usage").GetProperty("completion_tokens").GetInt32(), 1, 5);
    }

    [Fact]
    public async Task Stop_string_cuts_the_answer_before_it()
    {
        await using var server = await GatewayServer.StartAsync(model.Serve);
        using var free = await PostAsync(server, Chat(maxTokens: 32));
        var text = (await GatewayServer.JsonAsync(free)).GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
        var stop = text.Skip(1).First(c => c is > ' ' and < '\x7f').ToString();

        using var response = await PostAsync(server, Chat(maxTokens: 32, stop: new[] { stop }));

        var choice = (await GatewayServer.JsonAsync(response)).GetProperty("choices")[0];
        Assert.Equal(text[..text.IndexOf(stop, StringComparison.Ordinal)], choice.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task N_with_sampling_returns_that_many_choices()
    {
        await using var server = await GatewayServer.StartAsync(model.Serve);

        using var response = await PostAsync(server, new
        {
            model = TinyChatModel.Name,
            messages = new[] { new { role = "user", content = "hi" } },
            max_tokens = 6,
            n = 3,
            temperature = 0.9,
            top_p = 0.95,
            seed = 42,
        });

        var choices = (await GatewayServer.JsonAsync(response)).GetProperty("choices");
        Assert.Equal([0, 1, 2], choices.EnumerateArray().Select(c => c.GetProperty("index").GetInt32()));
    }

    [Fact]
    public async Task Same_seed_samples_the_same_answer()
    {
        await using var server = await GatewayServer.StartAsync(model.Serve);
        var body = new { model = TinyChatModel.Name, messages = new[] { new { role = "user", content = "hi" } }, max_tokens = 12, temperature = 1.0, seed = 7 };

        using var first = await PostAsync(server, body);
        using var second = await PostAsync(server, body);

        Assert.Equal(
            (await GatewayServer.JsonAsync(first)).GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(),
            (await GatewayServer.JsonAsync(second)).GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
    }

    [Fact]
    public async Task Unknown_model_is_404_in_the_openai_error_shape()
    {
        await using var server = await GatewayServer.StartAsync(model.Serve);

        using var response = await PostAsync(server, Chat(model: "gpt-imaginary"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = (await GatewayServer.JsonAsync(response)).GetProperty("error");
        Assert.Equal("model_not_found", error.GetProperty("code").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal("model", error.GetProperty("param").GetString());
        Assert.Contains("gpt-imaginary", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unsupported_parameter_is_400_naming_it()
    {
        await using var server = await GatewayServer.StartAsync(model.Serve);

        using var response = await PostAsync(server, new
        {
            model = TinyChatModel.Name,
            messages = new[] { new { role = "user", content = "hi" } },
            tools = new[] { new { type = "function", function = new { name = "f" } } },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await GatewayServer.JsonAsync(response)).GetProperty("error");
        Assert.Equal("tools", error.GetProperty("param").GetString());
        Assert.Equal("request.invalid", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Neutral_values_of_unsupported_parameters_are_accepted()
    {
        await using var server = await GatewayServer.StartAsync(model.Serve);

        using var response = await PostAsync(server, new
        {
            model = TinyChatModel.Name,
            messages = new[] { new { role = "user", content = "hi" } },
            max_tokens = 2,
            presence_penalty = 0,
            logprobs = false,
            tools = Array.Empty<object>(),
            user = "dashboard-7",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Max_tokens_above_the_models_limit_is_400()
    {
        await using var server = await GatewayServer.StartAsync(model.Serve);

        using var response = await PostAsync(server, Chat(maxTokens: 65));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("max_tokens", (await GatewayServer.JsonAsync(response)).GetProperty("error").GetProperty("param").GetString());
    }

    [Fact]
    public async Task Each_completion_is_audited_with_model_and_prompt_fingerprint_never_the_prompt_or_key()
    {
        await using var server = await GatewayServer.StartAsync(o => model.Serve(o with { Anonymous = AnonymousMode.Off }));
        var key = await server.CreateKeyAsync(GatewayRoles.Analyst);

        using var response = await PostAsync(server, Chat(maxTokens: 4), key);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await server.Audit.QueryAsync(AuditFilter.All, null, 10);
        var record = Assert.Single(page.Records);
        Assert.Equal("test-analyst", record.Principal);
        Assert.Equal(TinyChatModel.Name, record.ModelId);
        Assert.Equal($"model:{TinyChatModel.Name}", record.Source);
        Assert.Equal(AuditVerdict.Allowed, record.Verdict);
        Assert.Matches("^chat: 2 messages, [0-9]+ chars, sha256:[0-9a-f]{64}$", record.Question);
        var stored = JsonSerializer.Serialize(record);
        Assert.DoesNotContain("shipped last month", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(key, stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_model_is_audited_as_an_error()
    {
        await using var server = await GatewayServer.StartAsync(model.Serve);

        using var response = await PostAsync(server, Chat(model: "nope"));

        var record = Assert.Single((await server.Audit.QueryAsync(AuditFilter.All, null, 10)).Records);
        Assert.Equal(AuditVerdict.Error, record.Verdict);
        Assert.Equal("model_not_found", record.ErrorCode);
    }

    [Fact]
    public async Task No_key_off_loopback_is_401_in_the_openai_error_shape()
    {
        await using var server = await GatewayServer.StartAsync(o => model.Serve(o with { Urls = ["http://0.0.0.0:0"] }));

        using var response = await PostAsync(server, Chat());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = (await GatewayServer.JsonAsync(response)).GetProperty("error");
        Assert.Equal("auth.missing_key", error.GetProperty("code").GetString());
        Assert.Equal("authentication_error", error.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Rate_limit_is_429_in_the_openai_error_shape()
    {
        await using var server = await GatewayServer.StartAsync(o => model.Serve(o with { RateLimitPermits = 1 }));
        using var first = await PostAsync(server, Chat(maxTokens: 1));

        using var second = await PostAsync(server, Chat(maxTokens: 1));

        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.NotNull(second.Headers.RetryAfter);
        var error = (await GatewayServer.JsonAsync(second)).GetProperty("error");
        Assert.Equal("rate_limit_error", error.GetProperty("type").GetString());
        Assert.Equal("request.rate_limited", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Reader_key_may_list_models_but_not_complete()
    {
        await using var server = await GatewayServer.StartAsync(o => model.Serve(o with { Anonymous = AnonymousMode.Off }));
        var key = await server.CreateKeyAsync(GatewayRoles.Reader);

        using var list = await server.GetAsync("/v1/models", key);
        using var completion = await PostAsync(server, Chat(), key);

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, completion.StatusCode);
        Assert.Equal("permission_error", (await GatewayServer.JsonAsync(completion)).GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Models_lists_the_local_models()
    {
        await using var server = await GatewayServer.StartAsync(model.Serve);

        using var response = await server.GetAsync("/v1/models");

        var json = await GatewayServer.JsonAsync(response);
        Assert.Equal("list", json.GetProperty("object").GetString());
        var entry = Assert.Single(json.GetProperty("data").EnumerateArray());
        Assert.Equal(TinyChatModel.Name, entry.GetProperty("id").GetString());
        Assert.Equal("model", entry.GetProperty("object").GetString());
        Assert.Equal("gateway", entry.GetProperty("owned_by").GetString());
    }

    [Fact]
    public async Task Generated_tokens_are_counted_in_the_metrics()
    {
        await using var server = await GatewayServer.StartAsync(model.Serve);
        using var completion = await PostAsync(server, Chat(maxTokens: 3));

        using var metrics = await server.GetAsync("/metrics");

        var text = await metrics.Content.ReadAsStringAsync();
        Assert.Contains("gateway_model_tokens_total{", text, StringComparison.Ordinal);
        Assert.Contains("gen_ai_token_type=\"output\"", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gpu", "'device' must be auto, cpu or cuda, not 'gpu'")]
    [InlineData("cuda", "cuda requested but not available: build with -p:GatewayTorchBackend=cuda")]
    public async Task A_device_this_build_cannot_use_is_a_configuration_error(string device, string message)
    {
        using var tiny = new TinyChatModel();
        var options = new GatewayApiOptions
        {
            DataDirectory = Path.GetTempPath(),
            Models = new Dictionary<string, Api.Models.LocalModelOptions> { ["tiny"] = new() { Path = tiny.Directory, Device = device } },
        };

        var error = await Assert.ThrowsAsync<GatewayApiConfigurationException>(() => GatewayApiHost.BuildAsync(options));

        Assert.Contains(error.Errors, e => e.Contains("models.tiny", StringComparison.Ordinal) && e.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Model_folder_without_config_is_a_configuration_error()
    {
        var options = new GatewayApiOptions
        {
            DataDirectory = Path.GetTempPath(),
            Models = new Dictionary<string, Api.Models.LocalModelOptions> { ["broken"] = new() { Path = "/nonexistent/model" } },
        };

        var error = await Assert.ThrowsAsync<GatewayApiConfigurationException>(() => GatewayApiHost.BuildAsync(options));

        Assert.Contains(error.Errors, e => e.Contains("models.broken", StringComparison.Ordinal) && e.Contains("config.json", StringComparison.Ordinal));
    }
}
