using System.Net;
using Gateway.Audit.Keys;
using Gateway.Audit.Trail;

namespace Gateway.Api.Tests.Knowledge;

public sealed class KnowledgeEndpointsTests : IAsyncLifetime
{
    private GatewayServer _server = null!;

    public async Task InitializeAsync() => _server = await KnowledgeServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task An_added_doc_is_201_with_its_location_and_is_listed_with_its_author()
    {
        using var added = await _server.SendAsync(HttpMethod.Post, "/v1/sources/demo/knowledge", new { text = "Revenue is counted net of refunds." });

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var item = await GatewayServer.JsonAsync(added);
        var id = item.GetProperty("id").GetString();
        Assert.Equal($"/v1/sources/demo/knowledge/{id}", added.Headers.Location?.ToString());
        using var listed = await _server.SendAsync(HttpMethod.Get, "/v1/sources/demo/knowledge");
        var only = Assert.Single((await GatewayServer.JsonAsync(listed)).EnumerateArray());
        Assert.Equal(id, only.GetProperty("id").GetString());
        Assert.Equal("doc", only.GetProperty("kind").GetString());
        Assert.Equal("local", only.GetProperty("author").GetString());
        Assert.Equal("Revenue is counted net of refunds.", only.GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_pair_and_a_ddl_note_are_stored_with_their_kinds()
    {
        using var pair = await _server.SendAsync(HttpMethod.Post, "/v1/sources/demo/knowledge", new { question = "How many customers?", sql = "SELECT count(*) FROM customers" });
        using var note = await _server.SendAsync(HttpMethod.Post, "/v1/sources/demo/knowledge", new { kind = "ddl", text = "orders.status is lower case." });

        Assert.Equal("pair", (await GatewayServer.JsonAsync(pair)).GetProperty("kind").GetString());
        Assert.Equal("ddl", (await GatewayServer.JsonAsync(note)).GetProperty("kind").GetString());
    }

    [Fact]
    public async Task A_pair_with_invalid_sql_is_422_with_its_rule_audited_as_rejected_and_not_stored()
    {
        using var response = await _server.SendAsync(HttpMethod.Post, "/v1/sources/demo/knowledge", new { question = "Clean up", sql = "DELETE FROM orders" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("sql.rejected", await GatewayServer.ProblemCodeAsync(response));
        var problem = await GatewayServer.JsonAsync(response);
        Assert.Equal("statement.data_change", problem.GetProperty("rule").GetString());
        var record = await _server.Audit.GetAsync(problem.GetProperty("auditId").GetInt64());
        Assert.Equal(AuditVerdict.Rejected, record!.Verdict);
        Assert.Equal("statement.data_change", record.Rule);
        using var listed = await _server.SendAsync(HttpMethod.Get, "/v1/sources/demo/knowledge");
        Assert.Empty((await GatewayServer.JsonAsync(listed)).EnumerateArray());
    }

    [Fact]
    public async Task Text_and_a_pair_together_are_400()
    {
        using var response = await _server.SendAsync(HttpMethod.Post, "/v1/sources/demo/knowledge", new { text = "x", question = "y", sql = "SELECT 1" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("knowledge.invalid", await GatewayServer.ProblemCodeAsync(response));
    }

    [Fact]
    public async Task A_reader_may_list_but_not_add()
    {
        var reader = await _server.CreateKeyAsync(GatewayRoles.Reader);

        using var listed = await _server.SendAsync(HttpMethod.Get, "/v1/sources/demo/knowledge", key: reader);
        using var added = await _server.SendAsync(HttpMethod.Post, "/v1/sources/demo/knowledge", new { text = "x" }, reader);

        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, added.StatusCode);
        Assert.Equal("auth.forbidden", await GatewayServer.ProblemCodeAsync(added));
    }

    [Fact]
    public async Task A_source_the_key_does_not_grant_is_403_and_an_unknown_one_404()
    {
        var key = await _server.CreateKeyAsync(GatewayRoles.Reader | GatewayRoles.Analyst, "other");

        using var refused = await _server.SendAsync(HttpMethod.Get, "/v1/sources/demo/knowledge", key: key);
        using var unknown = await _server.SendAsync(HttpMethod.Get, "/v1/sources/nowhere/knowledge");

        Assert.Equal("auth.source_forbidden", await GatewayServer.ProblemCodeAsync(refused));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("source.unknown", await GatewayServer.ProblemCodeAsync(unknown));
    }

    [Fact]
    public async Task The_author_may_delete_an_item_another_analyst_may_not_and_an_admin_may()
    {
        var alice = (await _server.Keys.CreateAsync("alice", GatewayRoles.Reader | GatewayRoles.Analyst, ["*"])).Secret;
        var bob = (await _server.Keys.CreateAsync("bob", GatewayRoles.Analyst, ["*"])).Secret;
        var admin = (await _server.Keys.CreateAsync("root", GatewayRoles.Admin, ["*"])).Secret;
        var first = await AddDocAsync("first", alice);
        var second = await AddDocAsync("second", alice);

        using var byBob = await _server.SendAsync(HttpMethod.Delete, $"/v1/sources/demo/knowledge/{first}", key: bob);
        using var byAlice = await _server.SendAsync(HttpMethod.Delete, $"/v1/sources/demo/knowledge/{first}", key: alice);
        using var byAdmin = await _server.SendAsync(HttpMethod.Delete, $"/v1/sources/demo/knowledge/{second}", key: admin);

        Assert.Equal(HttpStatusCode.Forbidden, byBob.StatusCode);
        Assert.Equal("auth.forbidden", await GatewayServer.ProblemCodeAsync(byBob));
        Assert.Equal(HttpStatusCode.NoContent, byAlice.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, byAdmin.StatusCode);
        using var listed = await _server.SendAsync(HttpMethod.Get, "/v1/sources/demo/knowledge", key: alice);
        Assert.Empty((await GatewayServer.JsonAsync(listed)).EnumerateArray());
    }

    [Fact]
    public async Task Deleting_an_unknown_item_is_404()
    {
        using var response = await _server.SendAsync(HttpMethod.Delete, "/v1/sources/demo/knowledge/k0000000000000000");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("knowledge.not_found", await GatewayServer.ProblemCodeAsync(response));
    }

    private async Task<string> AddDocAsync(string text, string key)
    {
        using var response = await _server.SendAsync(HttpMethod.Post, "/v1/sources/demo/knowledge", new { text }, key);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await GatewayServer.JsonAsync(response)).GetProperty("id").GetString()!;
    }
}
