using System.Net;
using System.Net.Http.Headers;
using Gateway.Audit.Keys;
using Gateway.Audit.Trail;

namespace Gateway.Api.Tests.Endpoints;

public sealed class ValidateEndpointsTests
{
    [Fact]
    public async Task Drop_table_is_rejected_with_a_rule_and_audited()
    {
        await using var server = await GatewayServer.StartAsync();

        using var response = await server.ValidateAsync(new { dialect = "postgres", sql = "DROP TABLE users" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await GatewayServer.JsonAsync(response);
        Assert.False(json.GetProperty("allowed").GetBoolean());
        var rule = json.GetProperty("rule").GetString();
        Assert.False(string.IsNullOrEmpty(rule));
        Assert.Equal("postgres", json.GetProperty("dialect").GetString());

        var record = await server.Audit.GetAsync(json.GetProperty("auditId").GetInt64());
        Assert.NotNull(record);
        Assert.Equal(AuditVerdict.Rejected, record.Verdict);
        Assert.Equal(rule, record.Rule);
        Assert.Equal("local", record.Principal);
        Assert.Equal("dialect:postgres", record.Source);
        Assert.Equal("DROP TABLE users", record.GeneratedSql);
        Assert.Equal(32, record.TraceId?.Length);
    }

    [Fact]
    public async Task Source_resolves_to_its_dialect()
    {
        await using var server = await GatewayServer.StartAsync(o => o with { Sources = ["shop=sqlite:Data Source=shop.db"] });

        using var response = await server.ValidateAsync(new { source = "shop", sql = "DELETE FROM orders" });

        var json = await GatewayServer.JsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("sqlite", json.GetProperty("dialect").GetString());
        Assert.Equal("shop", json.GetProperty("source").GetString());
        Assert.False(json.GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public async Task Source_outside_the_keys_grant_is_forbidden_and_audited_as_an_error()
    {
        await using var server = await GatewayServer.StartAsync(o => o with { Sources = ["shop=sqlite:Data Source=shop.db", "hr=postgres:Host=127.0.0.1"] });
        var key = await server.CreateKeyAsync(GatewayRoles.Reader, "hr");

        using var response = await server.ValidateAsync(new { source = "shop", sql = "SELECT 1" }, key);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("auth.source_forbidden", await GatewayServer.ProblemCodeAsync(response));
        var record = Assert.Single((await server.Audit.QueryAsync(AuditFilter.All, null, 10)).Records);
        Assert.Equal(AuditVerdict.Error, record.Verdict);
        Assert.Equal("auth.source_forbidden", record.ErrorCode);
    }

    [Fact]
    public async Task Unknown_source_is_not_found()
    {
        await using var server = await GatewayServer.StartAsync();

        using var response = await server.ValidateAsync(new { source = "nowhere", sql = "SELECT 1" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("source.unknown", await GatewayServer.ProblemCodeAsync(response));
    }

    [Theory]
    [InlineData("""{"dialect":"postgres"}""", "request.invalid")]
    [InlineData("""{"sql":"SELECT 1"}""", "request.invalid")]
    [InlineData("""{"sql":"SELECT 1","dialect":"postgres","source":"shop"}""", "request.invalid")]
    [InlineData("""{"sql":"SELECT 1","dialect":"cobol"}""", "dialect.unknown")]
    [InlineData("""{"sql": """, "request.invalid")]
    public async Task Malformed_request_is_a_400_problem(string body, string code)
    {
        await using var server = await GatewayServer.StartAsync();
        using var content = new StringContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await server.Client.PostAsync("/v1/validate", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, await GatewayServer.ProblemCodeAsync(response));
    }

    [Fact]
    public async Task Request_whose_audit_record_cannot_be_written_is_refused()
    {
        await using var server = await GatewayServer.StartAsync();
        // The trail is opened on first use; a directory where its file should be makes every write fail.
        Directory.CreateDirectory(Path.Combine(server.DataDirectory, "audit.db"));

        using var response = await server.ValidateAsync(new { dialect = "postgres", sql = "DROP TABLE users" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("audit.unavailable", await GatewayServer.ProblemCodeAsync(response));
    }
}
