using System.Net;
using System.Net.Http.Json;
using Gateway.Audit.Keys;
using Gateway.Audit.Trail;

namespace Gateway.Api.Tests.Execution;

/// <summary><c>POST /v1/sql</c> through the product's execution stage on the real demo database and real PostgreSQL.</summary>
public sealed class DemoSqlTests
{
    private static async Task<HttpResponseMessage> RunAsync(GatewayServer server, object body, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/sql") { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("X-API-Key", key);
        }

        return await server.Client.SendAsync(request);
    }

    [Fact]
    public async Task Select_on_the_demo_source_returns_rows_chart_and_its_audit_record()
    {
        await using var server = await GatewayServer.StartAsync();

        using var response = await RunAsync(server, new { source = "demo", sql = "SELECT segment, COUNT(*) AS customers FROM customers GROUP BY segment ORDER BY segment" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await GatewayServer.JsonAsync(response);
        Assert.Equal(3, json.GetProperty("row_count").GetInt64());
        Assert.Equal(["segment", "customers"], json.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Equal("integer", json.GetProperty("columns")[1].GetProperty("type").GetString());
        Assert.False(json.GetProperty("truncated").GetBoolean());
        Assert.NotEqual("none", json.GetProperty("chart").GetProperty("type").GetString());
        Assert.Equal(32, json.GetProperty("trace_id").GetString()!.Length);
        var record = await server.Audit.GetAsync(json.GetProperty("audit_id").GetInt64());
        Assert.Equal(AuditVerdict.Allowed, record!.Verdict);
        Assert.Equal(3, record.RowCount);
        Assert.Equal(json.GetProperty("sql").GetString(), record.ExecutedSql);
        Assert.Equal(json.GetProperty("trace_id").GetString(), record.TraceId);
    }

    [Fact]
    public async Task Masked_column_values_never_leave_the_gateway()
    {
        var policy = Path.Combine(Directory.CreateTempSubdirectory("gateway-mask-").FullName, "mask.yaml");
        await File.WriteAllTextAsync(policy, "columns:\n  mask: [customers.email]\n");
        await using var server = await GatewayServer.StartAsync(o => o with { PolicyFile = policy });

        using var response = await RunAsync(server, new { source = "demo", sql = "SELECT customer_id, email FROM customers ORDER BY customer_id LIMIT 20" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await GatewayServer.JsonAsync(response);
        var emails = json.GetProperty("rows").EnumerateArray().Select(row => row[1].GetString()).OfType<string>().ToList();
        Assert.NotEmpty(emails);
        Assert.All(emails, email => Assert.Equal("***", email));
    }

    [Fact]
    public async Task Result_past_the_policy_row_cap_is_cut_and_flagged_truncated()
    {
        await using var server = await GatewayServer.StartAsync();

        using var response = await RunAsync(server, new { source = "demo", sql = "SELECT order_item_id FROM order_items" });

        var json = await GatewayServer.JsonAsync(response);
        Assert.True(json.GetProperty("truncated").GetBoolean());
        Assert.Equal(json.GetProperty("rows").GetArrayLength(), json.GetProperty("row_count").GetInt32());
    }

    [Fact]
    public async Task Rejected_statement_is_422_with_its_rule_audited_without_executed_sql()
    {
        await using var server = await GatewayServer.StartAsync();

        using var response = await RunAsync(server, new { source = "demo", sql = "DELETE FROM customers" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("sql.rejected", await GatewayServer.ProblemCodeAsync(response));
        var problem = await GatewayServer.JsonAsync(response);
        var record = await server.Audit.GetAsync(problem.GetProperty("auditId").GetInt64());
        Assert.Equal(AuditVerdict.Rejected, record!.Verdict);
        Assert.Equal(problem.GetProperty("rule").GetString(), record.Rule);
        Assert.Null(record.ExecutedSql);
        using var count = await RunAsync(server, new { source = "demo", sql = "SELECT COUNT(*) AS n FROM customers" });
        Assert.True((await GatewayServer.JsonAsync(count)).GetProperty("rows")[0][0].GetInt64() > 0);
    }

    [Fact]
    public async Task Query_the_engine_refuses_is_422_query_failed_and_audited_with_its_code()
    {
        await using var server = await GatewayServer.StartAsync();

        using var response = await RunAsync(server, new { source = "demo", sql = "SELECT no_such_column FROM customers" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("execution.query_failed", await GatewayServer.ProblemCodeAsync(response));
        var record = await server.Audit.GetAsync((await GatewayServer.JsonAsync(response)).GetProperty("auditId").GetInt64());
        Assert.Equal("execution.query_failed", record!.ErrorCode);
        Assert.NotNull(record.ExecutedSql);
    }

    [Fact]
    public async Task Unreachable_source_is_503_unavailable()
    {
        await using var server = await GatewayServer.StartAsync(o => o with { Sources = ["gone=postgres:Host=127.0.0.1;Port=1;Database=x;Username=x;Password=secret-pw;Timeout=2"] });

        using var response = await RunAsync(server, new { source = "gone", sql = "SELECT 1" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("execution.unavailable", await GatewayServer.ProblemCodeAsync(response));
        Assert.DoesNotContain("secret-pw", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Source_the_key_does_not_grant_is_403_and_audited()
    {
        await using var server = await GatewayServer.StartAsync();
        var key = await server.CreateKeyAsync(GatewayRoles.Analyst, "other");

        using var response = await RunAsync(server, new { source = "demo", sql = "SELECT 1" }, key);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("auth.source_forbidden", await GatewayServer.ProblemCodeAsync(response));
        var record = Assert.Single((await server.Audit.QueryAsync(AuditFilter.All, null, 10)).Records);
        Assert.Equal("auth.source_forbidden", record.ErrorCode);
    }

    [Fact]
    public async Task Select_on_a_postgres_source_runs_as_the_read_only_login()
    {
        var connection = Environment.GetEnvironmentVariable("GATEWAY_TEST_POSTGRES_RO");
        Assert.False(string.IsNullOrWhiteSpace(connection), "GATEWAY_TEST_POSTGRES_RO is not set: source .ci/services.sh first.");
        await using var server = await GatewayServer.StartAsync(o => o with { Sources = [$"pg=postgres:{connection}"] });

        using var response = await RunAsync(server, new { source = "pg", sql = "SELECT current_user AS who, 41 + 1 AS answer" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await GatewayServer.JsonAsync(response);
        Assert.Equal("gateway_ro", json.GetProperty("rows")[0][0].GetString());
        Assert.Equal(42, json.GetProperty("rows")[0][1].GetInt64());
        var record = await server.Audit.GetAsync(json.GetProperty("audit_id").GetInt64());
        Assert.Equal("pg", record!.Source);
        Assert.Equal(1, record.RowCount);
    }

    [Fact]
    public async Task Query_past_its_time_limit_is_504_timeout_and_audited()
    {
        var connection = Environment.GetEnvironmentVariable("GATEWAY_TEST_POSTGRES_RO");
        Assert.False(string.IsNullOrWhiteSpace(connection), "GATEWAY_TEST_POSTGRES_RO is not set: source .ci/services.sh first.");
        await using var server = await GatewayServer.StartAsync(o => o with { Sources = [$"pg=postgres:{connection}"], QueryTimeout = TimeSpan.FromSeconds(1) });

        using var response = await RunAsync(server, new { source = "pg", sql = "SELECT count(*) AS n FROM generate_series(1, 2000000000) AS g" });

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal("execution.timeout", await GatewayServer.ProblemCodeAsync(response));
        var record = await server.Audit.GetAsync((await GatewayServer.JsonAsync(response)).GetProperty("auditId").GetInt64());
        Assert.Equal("execution.timeout", record!.ErrorCode);
    }
}
