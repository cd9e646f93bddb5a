using Gateway.Api.Tests.Ask;
using Gateway.Audit.Keys;
using Gateway.Testing;

namespace Gateway.Api.Tests.Mcp;

public sealed class AskToolTests
{
    [Fact]
    public async Task The_ask_tool_answers_like_the_rest_endpoint_and_audits_under_the_keys_principal()
    {
        await using var model = await ScriptedChatEndpoint.StartAsync("SELECT name FROM regions ORDER BY region_id");
        await using var server = await AskServer.StartAsync(model, configure: o => o with { Anonymous = AnonymousMode.Off });
        var key = await server.CreateKeyAsync(GatewayRoles.Analyst | GatewayRoles.Reader);
        await using var client = await McpTestClient.ConnectAsync(server, key);

        var result = await client.CallToolAsync("ask", new Dictionary<string, object?> { ["source"] = "demo", ["question"] = "List the regions" });

        Assert.NotEqual(true, result.IsError);
        var payload = McpTestClient.Payload(result);
        Assert.Equal("allowed", payload.GetProperty("verdict").GetString());
        Assert.Equal(8, payload.GetProperty("row_count").GetInt32());
        var record = await server.Audit.GetAsync(payload.GetProperty("audit_id").GetInt64());
        Assert.StartsWith("test-", record!.Principal, StringComparison.Ordinal);
        Assert.Equal("List the regions", record.Question);
    }

    [Fact]
    public async Task The_ask_tool_needs_the_analyst_role()
    {
        await using var server = await AskServer.StartAsync(generator: null, configure: o => o with { Anonymous = AnonymousMode.Off });
        var key = await server.CreateKeyAsync(GatewayRoles.Reader);
        await using var client = await McpTestClient.ConnectAsync(server, key);

        var result = await client.CallToolAsync("ask", new Dictionary<string, object?> { ["source"] = "demo", ["question"] = "hello" });

        Assert.True(result.IsError);
        Assert.Contains("auth.forbidden", McpTestClient.Text(result), StringComparison.Ordinal);
    }
}
