using Gateway.Audit.Keys;
using Gateway.Audit.Trail;

namespace Gateway.Api.Tests.Mcp;

public sealed class RunSqlToolTests
{
    [Fact]
    public async Task Server_lists_the_source_and_run_sql_tools()
    {
        await using var server = await GatewayServer.StartAsync();
        await using var client = await McpTestClient.ConnectAsync(server);

        var names = (await client.ListToolsAsync()).Select(t => t.Name).ToHashSet();

        Assert.Superset(new HashSet<string> { "validate_sql", "list_sources", "describe_source", "run_sql" }, names);
    }

    [Fact]
    public async Task Run_sql_returns_the_rows_and_audits_the_call_under_the_keys_principal()
    {
        await using var server = await GatewayServer.StartAsync(o => o with { Anonymous = AnonymousMode.Off });
        var key = await server.CreateKeyAsync(GatewayRoles.Analyst | GatewayRoles.Reader);
        await using var client = await McpTestClient.ConnectAsync(server, key);

        var result = await client.CallToolAsync("run_sql", new Dictionary<string, object?> { ["source"] = "demo", ["sql"] = "SELECT name FROM regions ORDER BY region_id" });

        Assert.NotEqual(true, result.IsError);
        var payload = McpTestClient.Payload(result);
        Assert.True(payload.GetProperty("row_count").GetInt64() > 0);
        var record = await server.Audit.GetAsync(payload.GetProperty("audit_id").GetInt64());
        Assert.Equal(AuditVerdict.Allowed, record!.Verdict);
        Assert.StartsWith("test-", record.Principal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_sql_refuses_a_write_with_the_rule_as_a_tool_error()
    {
        await using var server = await GatewayServer.StartAsync();
        await using var client = await McpTestClient.ConnectAsync(server);

        var result = await client.CallToolAsync("run_sql", new Dictionary<string, object?> { ["source"] = "demo", ["sql"] = "DROP TABLE customers" });

        Assert.True(result.IsError);
        Assert.Contains("sql.rejected", McpTestClient.Text(result), StringComparison.Ordinal);
        var record = Assert.Single((await server.Audit.QueryAsync(AuditFilter.All, null, 10)).Records);
        Assert.Equal(AuditVerdict.Rejected, record.Verdict);
    }

    [Fact]
    public async Task Run_sql_needs_the_analyst_role()
    {
        await using var server = await GatewayServer.StartAsync(o => o with { Anonymous = AnonymousMode.Off });
        var key = await server.CreateKeyAsync(GatewayRoles.Reader);
        await using var client = await McpTestClient.ConnectAsync(server, key);

        var result = await client.CallToolAsync("run_sql", new Dictionary<string, object?> { ["source"] = "demo", ["sql"] = "SELECT 1" });

        Assert.True(result.IsError);
        Assert.DoesNotContain((await server.Audit.QueryAsync(AuditFilter.All, null, 10)).Records, r => r.GeneratedSql == "SELECT 1");
    }

    [Fact]
    public async Task List_sources_and_describe_source_answer_for_the_demo_source()
    {
        await using var server = await GatewayServer.StartAsync();
        await using var client = await McpTestClient.ConnectAsync(server);

        var listed = await client.CallToolAsync("list_sources", new Dictionary<string, object?>());
        var described = await client.CallToolAsync("describe_source", new Dictionary<string, object?> { ["source"] = "demo", ["format"] = "ddl" });

        Assert.Contains("\"demo\"", McpTestClient.Payload(listed).GetRawText(), StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE \"regions\"", McpTestClient.Text(described), StringComparison.Ordinal);
    }
}
