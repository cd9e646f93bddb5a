using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Api.Tests.Ask;
using Gateway.Api.Tests.Mcp;
using Gateway.Audit.Keys;
using Gateway.Audit.Trail;
using Gateway.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Api.Tests.Auditing;

/// <summary>
/// Every REST endpoint the host maps and every MCP tool it lists is either called here and must leave an audit record
/// under the calling key's principal, or is exempt with a stated reason. An endpoint or tool added later and in
/// neither list fails the test, so nothing that touches a source or knowledge can go unaudited by accident.
/// </summary>
public sealed class EveryEndpointIsAuditedTests
{
    private const string Sql = "SELECT name FROM regions ORDER BY region_id";

    /// <summary>Endpoints that reach no source and no knowledge, and why.</summary>
    private static readonly Dictionary<string, string> ExemptEndpoints = new(StringComparer.Ordinal)
    {
        ["GET /healthz"] = "liveness: answers without touching anything",
        ["GET /readyz"] = "anonymous infrastructure probe: SELECT 1 per source, no data returned, polled every few seconds",
        ["ANY /metrics"] = "Prometheus counters, no data",
        ["GET /openapi/{documentName}.json"] = "the API description",
        ["GET /scalar/{documentName?}"] = "the API reference page",
        ["GET /scalar/favicon.svg"] = "a static asset of the API reference page",
        ["GET /scalar/scalar.js"] = "a static asset of the API reference page",
        ["GET /scalar/scalar.aspnetcore.js"] = "a static asset of the API reference page",
        ["GET /v1/audit/"] = "reads the audit trail itself (auditor role), not a source",
        ["GET /v1/audit/{id:long}"] = "reads the audit trail itself",
        ["GET /v1/audit/export"] = "reads the audit trail itself",
        ["GET /v1/models"] = "names of configured models, no source",
        ["GET /v1/models/{id}"] = "one configured model's name, no source",
        ["POST /v1/chat/completions"] = "a model, not a source; audited as model:NAME (Models/ChatCompletionsTests)",
        ["POST /mcp/"] = "the MCP transport (stateless); every tool it serves is enumerated below",
        ["GET /v1/conversations/{id}"] = "the caller's own earlier turns, each audited when it was asked; no source or knowledge is read",
    };

    /// <summary>How to call each audited endpoint: an optional set-up, then the call that must be audited.</summary>
    private static readonly Dictionary<string, Func<Caller, Task<Func<Task<HttpResponseMessage>>>>> EndpointCalls = new(StringComparer.Ordinal)
    {
        ["POST /v1/validate"] = c => Ready(() => c.PostAsync("/v1/validate", new { source = "demo", sql = Sql })),
        ["POST /v1/sql"] = c => Ready(() => c.PostAsync("/v1/sql", new { source = "demo", sql = Sql })),
        ["GET /v1/sources"] = c => Ready(() => c.GetAsync("/v1/sources")),
        ["GET /v1/sources/{name}/schema"] = c => Ready(() => c.GetAsync("/v1/sources/demo/schema")),
        ["POST /v1/ask"] = c => Ready(() => c.PostAsync("/v1/ask", new { source = "demo", question = "List the regions" })),
        ["POST /v1/ask/stream"] = c => Ready(() => c.PostAsync("/v1/ask/stream", new { source = "demo", question = "List the regions" })),
        ["GET /v1/sources/{name}/knowledge"] = c => Ready(() => c.GetAsync("/v1/sources/demo/knowledge")),
        ["POST /v1/sources/{name}/knowledge"] = c => Ready(() => c.PostAsync("/v1/sources/demo/knowledge", new { text = "Regions are sales areas." })),
        ["DELETE /v1/sources/{name}/knowledge/{id}"] = async c =>
        {
            using var added = await c.PostAsync("/v1/sources/demo/knowledge", new { text = "A note to delete." });
            var id = (await GatewayServer.JsonAsync(added)).GetProperty("id").GetString();
            return () => c.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/v1/sources/demo/knowledge/{id}"));
        },
        ["DELETE /v1/conversations/{id}"] = async c =>
        {
            using var asked = await c.PostAsync("/v1/ask", new { source = "demo", question = "List the regions" });
            var id = (await GatewayServer.JsonAsync(asked)).GetProperty("conversation_id").GetString();
            return () => c.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/v1/conversations/{id}"));
        },
        ["POST /v1/feedback"] = async c =>
        {
            using var asked = await c.PostAsync("/v1/ask", new { source = "demo", question = "List the regions" });
            var auditId = (await GatewayServer.JsonAsync(asked)).GetProperty("audit_id").GetInt64();
            return () => c.PostAsync("/v1/feedback", new { audit_id = auditId, correct = true });
        },
    };

    /// <summary>The arguments each MCP tool is called with; every tool the server lists must be here.</summary>
    private static readonly Dictionary<string, Dictionary<string, object?>> ToolCalls = new(StringComparer.Ordinal)
    {
        ["validate_sql"] = new() { ["sql"] = Sql, ["source"] = "demo" },
        ["list_sources"] = [],
        ["describe_source"] = new() { ["source"] = "demo" },
        ["run_sql"] = new() { ["source"] = "demo", ["sql"] = Sql },
        ["ask"] = new() { ["source"] = "demo", ["question"] = "List the regions" },
        ["list_knowledge"] = new() { ["source"] = "demo" },
        ["search_knowledge"] = new() { ["source"] = "demo", ["query"] = "regions" },
        ["add_knowledge"] = new() { ["source"] = "demo", ["text"] = "Regions are sales areas." },
        ["delete_knowledge"] = new() { ["source"] = "demo" }, // the id of an item added just before

    };

    private static Task<Func<Task<HttpResponseMessage>>> Ready(Func<Task<HttpResponseMessage>> call) => Task.FromResult(call);

    [Fact]
    public async Task Every_rest_endpoint_is_audited_under_the_callers_principal_or_exempt_with_a_reason()
    {
        await using var model = await ScriptedChatEndpoint.StartAsync(Sql, Sql, Sql, Sql);
        await using var server = await AskServer.StartAsync(model, configure: o => o with { Anonymous = AnonymousMode.Off });
        var caller = await Caller.CreateAsync(server, GatewayRoles.Reader | GatewayRoles.Analyst | GatewayRoles.Auditor | GatewayRoles.Admin);
        var mapped = MappedEndpoints(server);

        var unlisted = mapped.Where(e => !ExemptEndpoints.ContainsKey(e) && !EndpointCalls.ContainsKey(e)).ToList();
        Assert.True(unlisted.Count == 0, $"Endpoints neither audited nor exempt: {string.Join(", ", unlisted)}. Audit them and add a call here, or exempt them with a reason.");
        Assert.Empty(EndpointCalls.Keys.Except(mapped));

        foreach (var (endpoint, prepare) in EndpointCalls)
        {
            var call = await prepare(caller);
            var before = await LastIdAsync(server);
            using var response = await call();
            await response.Content.ReadAsStringAsync(); // a stream's record is written before its last event

            Assert.True(response.IsSuccessStatusCode, $"{endpoint} answered {(int)response.StatusCode}");
            var written = (await server.Audit.QueryAsync(AuditFilter.All, null, 50)).Records.Where(r => r.Id > before).ToList();
            Assert.True(written.Count > 0, $"{endpoint} wrote no audit record");
            Assert.All(written, r => Assert.Equal(caller.Principal, r.Principal));
        }
    }

    [Fact]
    public async Task Every_mcp_tool_is_audited_under_the_callers_principal()
    {
        await using var model = await ScriptedChatEndpoint.StartAsync(Sql);
        await using var server = await AskServer.StartAsync(model, configure: o => o with { Anonymous = AnonymousMode.Off });
        var caller = await Caller.CreateAsync(server, GatewayRoles.Reader | GatewayRoles.Analyst);
        await using var client = await McpTestClient.ConnectAsync(server, caller.Key);

        var tools = (await client.ListToolsAsync()).Select(t => t.Name).ToList();

        Assert.DoesNotContain(tools, t => !ToolCalls.ContainsKey(t));
        Assert.Empty(ToolCalls.Keys.Except(tools));
        foreach (var tool in tools)
        {
            var arguments = ToolCalls[tool];
            if (tool == "delete_knowledge")
            {
                var added = await client.CallToolAsync("add_knowledge", new Dictionary<string, object?> { ["source"] = "demo", ["text"] = "A note to delete." });
                arguments = new(arguments) { ["id"] = JsonDocument.Parse(McpTestClient.Text(added)).RootElement.GetProperty("id").GetString() };
            }

            var before = await LastIdAsync(server);
            var result = await client.CallToolAsync(tool, arguments);

            Assert.True(result.IsError != true, $"{tool} failed: {McpTestClient.Text(result)}");
            var written = (await server.Audit.QueryAsync(AuditFilter.All, null, 50)).Records.Where(r => r.Id > before).ToList();
            Assert.True(written.Count > 0, $"{tool} wrote no audit record");
            Assert.All(written, r => Assert.Equal(caller.Principal, r.Principal));
        }
    }

    [Fact]
    public async Task A_refused_source_listing_is_audited_too()
    {
        await using var server = await GatewayServer.StartAsync(o => o with { Anonymous = AnonymousMode.Off });
        var key = await server.CreateKeyAsync(GatewayRoles.Reader, "demo");

        using var refused = await server.GetAsync("/v1/sources/elsewhere/schema", key);
        var record = (await server.Audit.QueryAsync(AuditFilter.All, null, 1)).Records[0];

        Assert.Equal("auth.source_forbidden", await GatewayServer.ProblemCodeAsync(refused));
        Assert.Equal(("test-reader", "elsewhere", AuditVerdict.Error, "auth.source_forbidden"), (record.Principal, record.Source, record.Verdict, record.ErrorCode));
    }

    [Fact]
    public async Task Listing_sources_records_how_many_the_key_was_shown()
    {
        await using var server = await GatewayServer.StartAsync(o => o with { Anonymous = AnonymousMode.Off });
        var key = await server.CreateKeyAsync(GatewayRoles.Reader, "demo");

        using var listed = await server.GetAsync("/v1/sources", key);
        var record = (await server.Audit.QueryAsync(AuditFilter.All, null, 1)).Records[0];

        Assert.True(listed.IsSuccessStatusCode);
        Assert.Equal(("test-reader", "*", AuditVerdict.Allowed, 1L), (record.Principal, record.Source, record.Verdict, record.RowCount));
    }

    private static async Task<long> LastIdAsync(GatewayServer server)
    {
        var newest = (await server.Audit.QueryAsync(AuditFilter.All, null, 1)).Records;
        return newest.Count > 0 ? newest[0].Id : 0;
    }

    /// <summary>"METHOD /pattern" for every endpoint the host maps.</summary>
    private static List<string> MappedEndpoints(GatewayServer server) =>
        [.. server.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["ANY"])
                .Select(method => $"{method} {e.RoutePattern.RawText}"))
            .Distinct()
            .Order(StringComparer.Ordinal)];

    /// <summary>A key of the test server's and the principal it acts as, sending its requests there.</summary>
    private sealed class Caller(GatewayServer server, string key, string principal)
    {
        public string Key { get; } = key;

        public string Principal { get; } = principal;

        /// <summary>Test keys are named after their roles, and a key's name is its principal.</summary>
        public static async Task<Caller> CreateAsync(GatewayServer server, GatewayRoles roles) =>
            new(server, await server.CreateKeyAsync(roles), "test-" + roles.Format());

        public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

        public Task<HttpResponseMessage> PostAsync(string path, object body) =>
            SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) });

        public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
        {
            using (request)
            {
                request.Headers.Add("X-API-Key", Key);
                return await server.Client.SendAsync(request);
            }
        }
    }
}
