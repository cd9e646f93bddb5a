using System.Net;
using Gateway.Audit.Keys;

namespace Gateway.Api.Tests.Endpoints;

public sealed class SourceEndpointsTests
{
    private const string Unreachable = "gone=postgres:Host=127.0.0.1;Port=1;Database=x;Username=x;Password=secret-pw;Timeout=2";

    [Fact]
    public async Task Sources_lists_name_provider_and_reachability_without_connection_strings()
    {
        await using var server = await GatewayServer.StartAsync(o => o with { Sources = [Unreachable] });

        using var response = await server.GetAsync("/v1/sources");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("secret-pw", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Host=", text, StringComparison.Ordinal);
        var sources = (await GatewayServer.JsonAsync(response)).EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!);
        Assert.True(sources["demo"].GetProperty("reachable").GetBoolean());
        Assert.Equal("sqlite", sources["demo"].GetProperty("provider").GetString());
        Assert.False(sources["gone"].GetProperty("reachable").GetBoolean());
        Assert.Equal("unavailable", sources["gone"].GetProperty("error").GetString());
    }

    [Fact]
    public async Task Sources_lists_only_what_the_key_grants()
    {
        await using var server = await GatewayServer.StartAsync(o => o with { Sources = [Unreachable] });
        var key = await server.CreateKeyAsync(GatewayRoles.Reader, "demo");

        using var response = await server.GetAsync("/v1/sources", key);

        var names = (await GatewayServer.JsonAsync(response)).EnumerateArray().Select(s => s.GetProperty("name").GetString());
        Assert.Equal(["demo"], names);
    }

    [Fact]
    public async Task Schema_of_the_demo_source_lists_its_tables()
    {
        await using var server = await GatewayServer.StartAsync();

        using var response = await server.GetAsync("/v1/sources/demo/schema");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"customers\"", text, StringComparison.Ordinal);
        Assert.Contains("\"order_items\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schema_read_and_schema_refusal_are_each_audited()
    {
        await using var server = await GatewayServer.StartAsync();
        var key = await server.CreateKeyAsync(GatewayRoles.Reader, "other");

        using var allowed = await server.GetAsync("/v1/sources/demo/schema");
        using var refused = await server.GetAsync("/v1/sources/demo/schema", key);

        var records = (await server.Audit.QueryAsync(Gateway.Audit.Trail.AuditFilter.All, null, 10)).Records;
        Assert.Equal(2, records.Count);
        Assert.Contains(records, r => r.Source == "demo" && r.Verdict == Gateway.Audit.Trail.AuditVerdict.Allowed && r.Principal == "local");
        Assert.Contains(records, r => r.Source == "demo" && r.ErrorCode == "auth.source_forbidden");
    }

    [Fact]
    public async Task Schema_as_ddl_is_create_table_text()
    {
        await using var server = await GatewayServer.StartAsync();

        using var response = await server.GetAsync("/v1/sources/demo/schema?format=ddl");

        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("CREATE TABLE \"customers\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schema_of_a_source_the_key_does_not_grant_is_403()
    {
        await using var server = await GatewayServer.StartAsync();
        var key = await server.CreateKeyAsync(GatewayRoles.Reader, "other");

        using var response = await server.GetAsync("/v1/sources/demo/schema", key);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("auth.source_forbidden", await GatewayServer.ProblemCodeAsync(response));
    }

    [Fact]
    public async Task Schema_of_an_unknown_source_is_404()
    {
        await using var server = await GatewayServer.StartAsync();

        using var response = await server.GetAsync("/v1/sources/nowhere/schema");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("source.unknown", await GatewayServer.ProblemCodeAsync(response));
    }

    [Fact]
    public async Task Readyz_is_503_while_a_source_does_not_answer()
    {
        await using var server = await GatewayServer.StartAsync(o => o with { Sources = [Unreachable] });

        using var response = await server.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.DoesNotContain("secret-pw", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
