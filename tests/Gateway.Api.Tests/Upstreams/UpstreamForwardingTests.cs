using System.ClientModel;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Gateway.Api.Tests.Models;
using Gateway.Api.Upstreams;
using Gateway.Audit.Keys;
using Gateway.Audit.Trail;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;
using OpenAI.Chat;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Health;

namespace Gateway.Api.Tests.Upstreams;

public sealed class UpstreamForwardingTests(TinyChatModel model) : IClassFixture<TinyChatModel>, IDisposable
{
    private const string UpstreamModel = "remote-7b";
    private const string UpstreamKey = "sk-upstream-secret";
    private readonly string _keyFile = WriteKeyFile();

    public void Dispose() => File.Delete(_keyFile);

    private static string WriteKeyFile()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, UpstreamKey + "\n");
        return path;
    }

    private Func<GatewayApiOptions, GatewayApiOptions> With(params FakeModelServer[] destinations) => options => model.Serve(options) with
    {
        Upstreams = new Dictionary<string, UpstreamOptions>
        {
            ["pool"] = new()
            {
                Models = [UpstreamModel],
                Destinations = [.. destinations.Select(d => d.Address)],
                ApiKeyFile = _keyFile,
                HealthCheck = new UpstreamHealthCheckOptions { Interval = TimeSpan.FromMinutes(10), FailureThreshold = 1 },
            },
        },
    };

    private static async Task<string> CompleteAsync(GatewayServer server, string modelName = UpstreamModel, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = JsonContent.Create(new { model = modelName, messages = new[] { new { role = "user", content = "hi" } }, max_tokens = 4 }),
        };
        if (key is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        }

        using var response = await server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await GatewayServer.JsonAsync(response)).GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
    }

    /// <summary>Waits (bounded) for YARP's first round of active probes, so destination health is known.</summary>
    private static async Task ProbedAsync(GatewayServer server, int expectedAvailable)
    {
        var monitor = server.Services.GetRequiredService<IActiveHealthCheckMonitor>();
        var lookup = server.Services.GetRequiredService<IProxyStateLookup>();
        for (var i = 0; i < 200; i++)
        {
            if (monitor.InitialProbeCompleted && lookup.TryGetCluster("pool", out var cluster)
                && cluster.DestinationsState.AvailableDestinations.Count == expectedAvailable)
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail("the upstream destinations were not probed");
    }

    [Fact]
    public async Task Upstream_model_is_forwarded_with_the_upstream_key_never_the_gateway_key()
    {
        await using var upstream = await FakeModelServer.StartAsync("a");
        await using var server = await GatewayServer.StartAsync(o => With(upstream)(o) with { Anonymous = AnonymousMode.Off });
        var key = await server.CreateKeyAsync(GatewayRoles.Analyst);

        var content = await CompleteAsync(server, key: key);

        Assert.Equal("from a", content);
        var received = Assert.Single(upstream.Completions);
        Assert.Equal(UpstreamModel, received.Model);
        Assert.Equal($"Bearer {UpstreamKey}", received.Authorization);
        Assert.DoesNotContain(key, received.Authorization, StringComparison.Ordinal);
        Assert.False(received.HadApiKeyHeader);
        Assert.False(received.HadRoutingHeader);
    }

    [Fact]
    public async Task Local_model_is_still_served_locally_beside_upstreams()
    {
        await using var upstream = await FakeModelServer.StartAsync("a");
        await using var server = await GatewayServer.StartAsync(With(upstream));

        await CompleteAsync(server, TinyChatModel.Name);

        Assert.Empty(upstream.Completions);
    }

    [Fact]
    public async Task Client_cannot_pick_an_upstream_with_the_routing_header()
    {
        await using var upstream = await FakeModelServer.StartAsync("a");
        await using var server = await GatewayServer.StartAsync(With(upstream));

        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = JsonContent.Create(new { model = TinyChatModel.Name, messages = new[] { new { role = "user", content = "hi" } }, max_tokens = 2 }),
        };
        request.Headers.Add(UpstreamSelector.Header, "pool");
        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TinyChatModel.Name, (await GatewayServer.JsonAsync(response)).GetProperty("model").GetString());
        Assert.Empty(upstream.Completions);
    }

    [Fact]
    public async Task Forwarded_answer_is_sent_chunked_so_it_ends_after_its_audit_record()
    {
        await using var upstream = await FakeModelServer.StartAsync("a");
        await using var server = await GatewayServer.StartAsync(With(upstream));

        using var response = await server.Client.PostAsJsonAsync("/v1/chat/completions", new { model = UpstreamModel, messages = new[] { new { role = "user", content = "hi" } } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.TransferEncodingChunked);
    }

    [Fact]
    public async Task Two_healthy_destinations_take_turns()
    {
        await using var a = await FakeModelServer.StartAsync("a");
        await using var b = await FakeModelServer.StartAsync("b");
        await using var server = await GatewayServer.StartAsync(With(a, b));
        await ProbedAsync(server, expectedAvailable: 2);

        var answers = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await CompleteAsync(server));
        }

        Assert.Equal(2, a.Completions.Count);
        Assert.Equal(2, b.Completions.Count);
        Assert.All(answers.Zip(answers.Skip(1)), pair => Assert.NotEqual(pair.First, pair.Second));
    }

    [Fact]
    public async Task Unhealthy_destination_is_skipped()
    {
        await using var healthy = await FakeModelServer.StartAsync("healthy");
        await using var sick = await FakeModelServer.StartAsync("sick", healthy: false);
        await using var server = await GatewayServer.StartAsync(With(healthy, sick));
        await ProbedAsync(server, expectedAvailable: 1);

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal("from healthy", await CompleteAsync(server));
        }

        Assert.Empty(sick.Completions);
        Assert.Equal(4, healthy.Completions.Count);
    }

    [Fact]
    public async Task Health_probes_carry_the_upstream_key()
    {
        await using var upstream = await FakeModelServer.StartAsync("a");
        await using var server = await GatewayServer.StartAsync(With(upstream));
        await ProbedAsync(server, expectedAvailable: 1);

        Assert.Contains($"Bearer {UpstreamKey}", upstream.ProbeAuthorizations);
    }

    [Fact]
    public async Task No_healthy_destination_is_503_in_the_openai_error_shape()
    {
        await using var sick = await FakeModelServer.StartAsync("sick", healthy: false);
        await using var server = await GatewayServer.StartAsync(With(sick));
        await ProbedAsync(server, expectedAvailable: 0);

        using var response = await server.Client.PostAsJsonAsync("/v1/chat/completions", new { model = UpstreamModel, messages = new[] { new { role = "user", content = "hi" } } });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("upstream.unavailable", (await GatewayServer.JsonAsync(response)).GetProperty("error").GetProperty("code").GetString());
        Assert.Empty(sick.Completions);
    }

    [Fact]
    public async Task Reader_key_is_refused_before_anything_goes_upstream()
    {
        await using var upstream = await FakeModelServer.StartAsync("a");
        await using var server = await GatewayServer.StartAsync(o => With(upstream)(o) with { Anonymous = AnonymousMode.Off });
        var key = await server.CreateKeyAsync(GatewayRoles.Reader);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = JsonContent.Create(new { model = UpstreamModel, messages = new[] { new { role = "user", content = "hi" } } }),
        };
        request.Headers.Add("X-API-Key", key);
        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(upstream.Completions);
    }

    [Fact]
    public async Task Forwarded_request_is_audited_with_upstream_model_and_body_fingerprint()
    {
        await using var upstream = await FakeModelServer.StartAsync("a");
        await using var server = await GatewayServer.StartAsync(With(upstream));

        await CompleteAsync(server);

        var record = Assert.Single((await server.Audit.QueryAsync(AuditFilter.All, null, 10)).Records);
        Assert.Equal("local", record.Principal);
        Assert.Equal("upstream:pool", record.Source);
        Assert.Equal(UpstreamModel, record.ModelId);
        Assert.Equal(AuditVerdict.Allowed, record.Verdict);
        Assert.Matches("^/v1/chat/completions: [0-9]+ bytes, sha256:[0-9a-f]{64}$", record.Question);
    }

    [Fact]
    public async Task Models_lists_local_and_upstream_models()
    {
        await using var upstream = await FakeModelServer.StartAsync("a");
        await using var server = await GatewayServer.StartAsync(With(upstream));

        using var response = await server.GetAsync("/v1/models");

        var data = (await GatewayServer.JsonAsync(response)).GetProperty("data").EnumerateArray()
            .ToDictionary(m => m.GetProperty("id").GetString()!, m => m.GetProperty("owned_by").GetString());
        Assert.Equal("gateway", data[TinyChatModel.Name]);
        Assert.Equal("upstream:pool", data[UpstreamModel]);
    }

    [Fact]
    public async Task Official_client_streams_through_the_proxy()
    {
        await using var upstream = await FakeModelServer.StartAsync("a");
        await using var server = await GatewayServer.StartAsync(With(upstream));
        var key = await server.CreateKeyAsync(GatewayRoles.Analyst);
        var client = new ChatClient(UpstreamModel, new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = new Uri(server.Address, "/v1") });

        var text = new StringBuilder();
        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("hi")]))
        {
            text.Append(string.Concat(update.ContentUpdate.Select(p => p.Text)));
        }

        Assert.Equal("from a", text.ToString());
    }

    [Fact]
    public async Task Upstream_configuration_errors_are_all_reported()
    {
        var options = new GatewayApiOptions
        {
            DataDirectory = Path.GetTempPath(),
            Upstreams = new Dictionary<string, UpstreamOptions>
            {
                ["empty"] = new(),
                ["bad"] = new() { Destinations = ["ftp://x"], LoadBalancing = "Fastest", ApiKeyEnv = "GATEWAY_TEST_SURELY_UNSET_VARIABLE" },
                ["twin"] = new() { Models = ["empty"], Destinations = ["http://127.0.0.1:1"] },
            },
        };

        var error = await Assert.ThrowsAsync<GatewayApiConfigurationException>(() => GatewayApiHost.BuildAsync(options));

        Assert.Contains(error.Errors, e => e.StartsWith("upstreams.empty: 'destinations'", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.Contains("ftp://x", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.Contains("Fastest", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.Contains("GATEWAY_TEST_SURELY_UNSET_VARIABLE", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.Contains("already routed to upstream 'empty'", StringComparison.Ordinal));
    }
}
