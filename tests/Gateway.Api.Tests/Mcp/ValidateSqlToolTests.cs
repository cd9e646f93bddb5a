using Gateway.Audit.Keys;
using Gateway.Audit.Trail;

namespace Gateway.Api.Tests.Mcp;

public sealed class ValidateSqlToolTests
{
    [Fact]
    public async Task Server_lists_the_validate_sql_tool()
    {
        await using var server = await GatewayServer.StartAsync();
        await using var client = await McpTestClient.ConnectAsync(server);

        var tools = await client.ListToolsAsync();

        Assert.Contains(tools, t => t.Name == "validate_sql");
    }

    [Fact]
    public async Task Validate_sql_rejects_drop_table_and_audits_the_call_under_the_keys_principal()
    {
        await using var server = await GatewayServer.StartAsync(o => o with { Anonymous = AnonymousMode.Off });
        var key = await server.CreateKeyAsync(GatewayRoles.Reader);
        await using var client = await McpTestClient.ConnectAsync(server, key);

        var result = await client.CallToolAsync("validate_sql", new Dictionary<string, object?> { ["sql"] = "DROP TABLE users", ["dialect"] = "postgres" });

        Assert.NotEqual(true, result.IsError);
        var verdict = McpTestClient.Payload(result);
        Assert.False(verdict.GetProperty("allowed").GetBoolean());
        var record = await server.Audit.GetAsync(verdict.GetProperty("auditId").GetInt64());
        Assert.Equal(AuditVerdict.Rejected, record!.Verdict);
        Assert.Equal("test-reader", record.Principal);
    }

    [Fact]
    public async Task Tool_error_carries_the_stable_code()
    {
        await using var server = await GatewayServer.StartAsync();
        await using var client = await McpTestClient.ConnectAsync(server);

        var result = await client.CallToolAsync("validate_sql", new Dictionary<string, object?> { ["sql"] = "SELECT 1", ["dialect"] = "cobol" });

        Assert.True(result.IsError);
        Assert.Contains("dialect.unknown", McpTestClient.Text(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mcp_without_a_key_is_refused_when_anonymous_is_off()
    {
        await using var server = await GatewayServer.StartAsync(o => o with { Anonymous = AnonymousMode.Off });

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => McpTestClient.ConnectAsync(server));

        Assert.Contains("401", ex.ToString(), StringComparison.Ordinal);
    }
}
