using System.Net;
using System.Text.Json;
using Gateway.Testing;

namespace Gateway.Api.Tests.Ask;

/// <summary><c>POST /v1/ask/stream</c>: one server-sent event per stage as it completes, then the result.</summary>
public sealed class AskStreamTests
{
    private static async Task<List<(string Event, JsonElement Data)>> EventsAsync(HttpResponseMessage response)
    {
        var events = new List<(string, JsonElement)>();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        string? name = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                events.Add((name!, JsonDocument.Parse(line[6..]).RootElement.Clone()));
            }
        }

        return events;
    }

    [Fact]
    public async Task Each_stage_is_an_event_in_order_and_the_result_comes_last()
    {
        await using var model = await ScriptedChatEndpoint.StartAsync("DELETE FROM customers", "SELECT COUNT(*) AS customers FROM customers");
        await using var server = await AskServer.StartAsync(model);

        using var response = await server.AskAsync(new { source = "demo", question = "How many customers are there?" }, path: "/v1/ask/stream");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = await EventsAsync(response);
        Assert.Equal(["route", "context", "generate", "check", "generate", "check", "execute", "present", "result"], events.Select(e => e.Event));
        Assert.Equal("rejected", events[3].Data.GetProperty("verdict").GetString());
        Assert.True(events[6].Data.GetProperty("elapsed_ms").GetDouble() >= 0);
        Assert.Equal("allowed", events[^1].Data.GetProperty("verdict").GetString());
        Assert.Equal(1, events[^1].Data.GetProperty("row_count").GetInt32());
    }

    [Fact]
    public async Task A_failure_after_the_stream_started_is_an_error_event_with_its_code()
    {
        await using var model = await ScriptedChatEndpoint.StartAsync();
        model.Fail(400);
        await using var server = await AskServer.StartAsync(model);

        using var response = await server.AskAsync(new { source = "demo", question = "How many customers are there?" }, path: "/v1/ask/stream");

        var events = await EventsAsync(response);
        Assert.Equal("error", events[^1].Event);
        Assert.Equal("generation.failed", events[^1].Data.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_request_refused_before_any_stage_is_a_plain_problem()
    {
        await using var server = await AskServer.StartAsync(generator: null);

        using var response = await server.AskAsync(new { source = "nowhere", question = "hello" }, path: "/v1/ask/stream");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("source.unknown", await GatewayServer.ProblemCodeAsync(response));
    }
}
