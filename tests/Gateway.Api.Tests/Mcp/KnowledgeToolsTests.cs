using System.Text.Json;
using Gateway.Audit.Keys;
using Gateway.Audit.Trail;
using Gateway.Context;
using Gateway.Context.Embeddings;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Gateway.Api.Tests.Mcp;

/// <summary>The MCP knowledge tools under the same grants, roles, validation and audit as /v1/sources/{name}/knowledge.</summary>
public sealed class KnowledgeToolsTests : IAsyncLifetime
{
    private GatewayServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await GatewayServer.StartAsync(o => o with
        {
            Anonymous = AnonymousMode.Off,
            // Lexical ranking only: the encoder is covered by Gateway.Context.Tests.
            Context = new ContextOptions { DataDirectory = o.DataDirectory, Embeddings = new EmbeddingOptions { Provider = EmbeddingProvider.None } },
        });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<McpClient> ConnectAsync(string key) =>
        await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(_server.Address, "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {key}" },
        }));

    private Task<string> KeyAsync(string name, GatewayRoles roles, params string[] sources) =>
        _server.Keys.CreateAsync(name, roles, sources.Length == 0 ? ["*"] : sources).ContinueWith(t => t.Result.Secret, TaskScheduler.Default);

    private static JsonElement Payload(CallToolResult result)
    {
        Assert.NotEqual(true, result.IsError);
        return result.StructuredContent is { } structured
            ? structured
            : JsonDocument.Parse(Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text).RootElement.Clone();
    }

    /// <summary>The tool error's text: the SDK's "An error occurred invoking 'tool': " and then the gateway's "code: message".</summary>
    private static string Error(CallToolResult result)
    {
        Assert.True(result.IsError);
        return Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
    }

    private static Task<CallToolResult> CallAsync(McpClient client, string tool, object arguments) =>
        client.CallToolAsync(tool, JsonSerializer.SerializeToElement(arguments).EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value)).AsTask();

    [Fact]
    public async Task An_added_pair_is_listed_with_its_author_and_audited_under_the_keys_principal()
    {
        var key = await KeyAsync("alice", GatewayRoles.Reader | GatewayRoles.Analyst);
        await using var client = await ConnectAsync(key);

        var added = Payload(await CallAsync(client, "add_knowledge", new { source = "demo", question = "How many customers?", sql = "SELECT count(*) FROM customers" }));
        var listed = Payload(await CallAsync(client, "list_knowledge", new { source = "demo" }));

        Assert.Equal("pair", added.GetProperty("kind").GetString());
        var item = Assert.Single(Items(listed));
        Assert.Equal(added.GetProperty("id").GetString(), item.GetProperty("id").GetString());
        Assert.Equal("alice", item.GetProperty("author").GetString());
        var records = await _server.Audit.QueryAsync(new AuditFilter { Principal = "alice" }, cursor: null, limit: 10);
        // The listing is audited too (a read of the source's knowledge); the pair's record is the one with its question.
        var record = Assert.Single(records.Records, r => r.Question is not null);
        Assert.Equal(AuditVerdict.Allowed, record.Verdict);
        Assert.Equal("How many customers?", record.Question);
        Assert.Equal(2, records.Records.Count);
    }

    [Fact]
    public async Task A_pair_whose_sql_the_policy_rejects_is_an_error_with_the_rest_code_audited_and_not_stored()
    {
        var key = await KeyAsync("alice", GatewayRoles.Reader | GatewayRoles.Analyst);
        await using var client = await ConnectAsync(key);

        var error = Error(await CallAsync(client, "add_knowledge", new { source = "demo", question = "Clean up", sql = "DELETE FROM orders" }));

        Assert.Contains(": sql.rejected:", error, StringComparison.Ordinal);
        var record = Assert.Single((await _server.Audit.QueryAsync(new AuditFilter { Principal = "alice" }, cursor: null, limit: 10)).Records);
        Assert.Equal(AuditVerdict.Rejected, record.Verdict);
        Assert.Equal("statement.data_change", record.Rule);
        Assert.Empty(Items(Payload(await CallAsync(client, "list_knowledge", new { source = "demo" }))));
    }

    [Fact]
    public async Task Adding_needs_the_analyst_role()
    {
        var key = await KeyAsync("reader", GatewayRoles.Reader);
        await using var client = await ConnectAsync(key);

        var error = Error(await CallAsync(client, "add_knowledge", new { source = "demo", text = "Revenue is net of refunds." }));

        Assert.Contains(": auth.forbidden:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_source_the_key_does_not_grant_is_forbidden_for_every_tool()
    {
        var key = await KeyAsync("other", GatewayRoles.Reader | GatewayRoles.Analyst, "elsewhere");
        await using var client = await ConnectAsync(key);

        Assert.Contains(": auth.source_forbidden:", Error(await CallAsync(client, "list_knowledge", new { source = "demo" })), StringComparison.Ordinal);
        Assert.Contains(": auth.source_forbidden:", Error(await CallAsync(client, "search_knowledge", new { source = "demo", query = "customers" })), StringComparison.Ordinal);
        Assert.Contains(": auth.source_forbidden:", Error(await CallAsync(client, "add_knowledge", new { source = "demo", text = "x" })), StringComparison.Ordinal);
        Assert.Contains(": auth.source_forbidden:", Error(await CallAsync(client, "delete_knowledge", new { source = "demo", id = "k1" })), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_author_may_delete_an_item_another_analyst_may_not()
    {
        var alice = await KeyAsync("alice", GatewayRoles.Reader | GatewayRoles.Analyst);
        var bob = await KeyAsync("bob", GatewayRoles.Reader | GatewayRoles.Analyst);
        await using var asAlice = await ConnectAsync(alice);
        await using var asBob = await ConnectAsync(bob);
        var id = Payload(await CallAsync(asAlice, "add_knowledge", new { source = "demo", text = "Revenue is net of refunds." })).GetProperty("id").GetString();

        var byBob = Error(await CallAsync(asBob, "delete_knowledge", new { source = "demo", id }));
        var byAlice = Payload(await CallAsync(asAlice, "delete_knowledge", new { source = "demo", id }));

        Assert.Contains(": auth.forbidden:", byBob, StringComparison.Ordinal);
        Assert.Equal(id, byAlice.GetProperty("deleted").GetString());
        Assert.Empty(Items(Payload(await CallAsync(asAlice, "list_knowledge", new { source = "demo" }))));
        var deletions = (await _server.Audit.QueryAsync(new AuditFilter { Principal = "bob" }, cursor: null, limit: 10)).Records;
        Assert.Equal("auth.forbidden", Assert.Single(deletions).ErrorCode);
    }

    [Fact]
    public async Task Search_ranks_the_pair_about_the_question_first_and_keeps_docs_apart()
    {
        var key = await KeyAsync("alice", GatewayRoles.Reader | GatewayRoles.Analyst);
        await using var client = await ConnectAsync(key);
        await CallAsync(client, "add_knowledge", new { source = "demo", question = "How many products are there?", sql = "SELECT count(*) FROM products" });
        await CallAsync(client, "add_knowledge", new { source = "demo", question = "How many customers are there?", sql = "SELECT count(*) FROM customers" });
        await CallAsync(client, "add_knowledge", new { source = "demo", text = "Customers are companies, never people." });

        var found = Payload(await CallAsync(client, "search_knowledge", new { source = "demo", query = "number of customers" }));

        var examples = found.GetProperty("examples").EnumerateArray().ToList();
        Assert.Equal("How many customers are there?", examples[0].GetProperty("item").GetProperty("question").GetString());
        var document = Assert.Single(found.GetProperty("documents").EnumerateArray());
        Assert.Equal("doc", document.GetProperty("item").GetProperty("kind").GetString());
    }

    // A list comes back as an array, or wrapped as {"result": [...]} where the tool's output must be an object.
    private static List<JsonElement> Items(JsonElement payload) =>
        payload.ValueKind == JsonValueKind.Array ? [.. payload.EnumerateArray()] : [.. payload.GetProperty("result").EnumerateArray()];
}
