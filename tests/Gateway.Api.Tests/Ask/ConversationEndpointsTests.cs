using System.Net;
using System.Text.Json;
using Gateway.Audit.Keys;
using Gateway.Audit.Trail;
using Gateway.Testing;

namespace Gateway.Api.Tests.Ask;

/// <summary>Conversations in the metadata store: read and deleted by their owner only, and kept across a restart.</summary>
public sealed class ConversationEndpointsTests
{
    private const string CountSql = "SELECT COUNT(*) AS customers FROM customers";
    private const string ByRegionSql = "SELECT r.name, COUNT(*) AS customers FROM customers c JOIN regions r ON r.region_id = c.region_id GROUP BY r.name";

    private static Task<GatewayServer> StartAsync(ScriptedChatEndpoint model, string? dataDirectory = null) =>
        AskServer.StartAsync(model, configure: o => o with { Anonymous = AnonymousMode.Off, DataDirectory = dataDirectory ?? o.DataDirectory });

    private static async Task<JsonElement> AskAsync(GatewayServer server, string key, string question, string? conversation = null)
    {
        using var response = await server.AskAsync(new { source = "demo", question, conversation_id = conversation }, key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await GatewayServer.JsonAsync(response);
    }

    [Fact]
    public async Task The_owner_reads_each_turn_with_its_question_sql_verdict_and_audit_record()
    {
        await using var model = await ScriptedChatEndpoint.StartAsync(CountSql, "The tables hold nothing about the weather.");
        await using var server = await StartAsync(model);
        var key = await server.CreateKeyAsync(GatewayRoles.Analyst);
        var first = await AskAsync(server, key, "How many customers are there?");
        var id = first.GetProperty("conversation_id").GetString()!;
        var second = await AskAsync(server, key, "How many customers live on Mars?", id);

        using var response = await server.GetAsync($"/v1/conversations/{id}", key);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var conversation = await GatewayServer.JsonAsync(response);
        Assert.Equal(id, conversation.GetProperty("conversation_id").GetString());
        Assert.Equal("demo", conversation.GetProperty("source").GetString());
        var turns = conversation.GetProperty("turns").EnumerateArray().ToList();
        Assert.Equal(2, turns.Count);
        Assert.Equal("How many customers are there?", turns[0].GetProperty("question").GetString());
        Assert.Equal(CountSql, turns[0].GetProperty("sql").GetString());
        Assert.Equal("allowed", turns[0].GetProperty("verdict").GetString());
        Assert.Equal(first.GetProperty("audit_id").GetInt64(), turns[0].GetProperty("audit_id").GetInt64());
        Assert.Equal("refused", turns[1].GetProperty("verdict").GetString());
        Assert.Equal(JsonValueKind.Null, turns[1].GetProperty("sql").ValueKind);
        Assert.Equal(second.GetProperty("audit_id").GetInt64(), turns[1].GetProperty("audit_id").GetInt64());
    }

    [Fact]
    public async Task A_conversation_survives_a_restart_and_a_refinement_still_gets_its_history()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("gateway-conversations-").FullName;
        try
        {
            await using var model = await ScriptedChatEndpoint.StartAsync(CountSql, ByRegionSql);
            string id, key;
            await using (var before = await StartAsync(model, dataDirectory))
            {
                key = await before.CreateKeyAsync(GatewayRoles.Analyst);
                id = (await AskAsync(before, key, "How many customers are there?")).GetProperty("conversation_id").GetString()!;
            }

            await using var after = await StartAsync(model, dataDirectory);
            var refined = await AskAsync(after, key, "and by region?", id);

            Assert.Equal(id, refined.GetProperty("conversation_id").GetString());
            Assert.Contains($"Question: How many customers are there?\nSQL: {CountSql}", model.Requests[1].Prompt, StringComparison.Ordinal);
            Assert.Equal(8, refined.GetProperty("row_count").GetInt32());
            using var read = await after.GetAsync($"/v1/conversations/{id}", key);
            Assert.Equal(2, (await GatewayServer.JsonAsync(read)).GetProperty("turns").GetArrayLength());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Another_principal_gets_404_when_reading_continuing_or_deleting_it()
    {
        await using var model = await ScriptedChatEndpoint.StartAsync(CountSql, CountSql);
        await using var server = await StartAsync(model);
        var alice = await server.CreateKeyAsync(GatewayRoles.Analyst);
        var mallory = (await server.Keys.CreateAsync("mallory", GatewayRoles.Analyst | GatewayRoles.Admin, ["*"])).Secret;
        var id = (await AskAsync(server, alice, "How many customers are there?")).GetProperty("conversation_id").GetString()!;

        using var read = await server.GetAsync($"/v1/conversations/{id}", mallory);
        using var continued = await server.AskAsync(new { source = "demo", question = "and by region?", conversation_id = id }, mallory);
        using var deleted = await server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/v1/conversations/{id}") { Headers = { { "X-API-Key", mallory } } });

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal("ask.conversation_not_found", await GatewayServer.ProblemCodeAsync(read));
        Assert.Equal(HttpStatusCode.NotFound, continued.StatusCode);
        Assert.Equal("ask.conversation_not_found", await GatewayServer.ProblemCodeAsync(continued));
        Assert.Equal(HttpStatusCode.NotFound, deleted.StatusCode);
        using var stillThere = await server.GetAsync($"/v1/conversations/{id}", alice);
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
        Assert.Single(model.Requests);
    }

    [Fact]
    public async Task The_owner_deletes_it_with_an_audit_record_and_then_it_is_gone()
    {
        await using var model = await ScriptedChatEndpoint.StartAsync(CountSql);
        await using var server = await StartAsync(model);
        var key = (await server.Keys.CreateAsync("alice", GatewayRoles.Analyst, ["*"])).Secret;
        var id = (await AskAsync(server, key, "How many customers are there?")).GetProperty("conversation_id").GetString()!;

        using var deleted = await server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/v1/conversations/{id}") { Headers = { { "X-API-Key", key } } });

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var read = await server.GetAsync($"/v1/conversations/{id}", key);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        var records = (await server.Audit.QueryAsync(new AuditFilter { Principal = "alice" }, cursor: null, limit: 10)).Records;
        Assert.Contains(records, r => r.Question == $"delete conversation {id}" && r.Verdict == AuditVerdict.Allowed && r.Source == "demo");
    }
}
