using System.Net;
using Gateway.Audit.Keys;
using Gateway.Audit.Trail;
using Gateway.Testing;

namespace Gateway.Api.Tests.Ask;

/// <summary><c>POST /v1/ask</c> end to end on the demo database, over real HTTP, with a scripted OpenAI-compatible model server.</summary>
public sealed class AskEndpointsTests
{
    private const string SegmentsSql = "SELECT segment, COUNT(*) AS customers FROM customers GROUP BY segment ORDER BY segment";

    [Fact]
    public async Task A_valid_answer_runs_and_returns_rows_chart_analysis_and_timings()
    {
        await using var model = await ScriptedChatEndpoint.StartAsync($"```sql\n{SegmentsSql}\n```");
        await using var server = await AskServer.StartAsync(model);

        var json = await server.AskJsonAsync(new { source = "demo", question = "How many customers are in each segment?" });

        Assert.Equal("data", json.GetProperty("route").GetString());
        Assert.Equal("allowed", json.GetProperty("verdict").GetString());
        Assert.Equal("sqlite", json.GetProperty("dialect").GetString());
        Assert.Equal(3, json.GetProperty("row_count").GetInt32());
        Assert.Contains("LIMIT", json.GetProperty("sql").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, json.GetProperty("candidates_tried").GetInt32());
        Assert.NotEqual("none", json.GetProperty("chart").GetProperty("type").GetString());
        Assert.Contains("3 rows.", json.GetProperty("analysis").GetProperty("text").GetString(), StringComparison.Ordinal);
        var timings = json.GetProperty("timings_ms");
        Assert.All(new[] { "route", "context", "generate", "check", "execute", "present", "total" }, stage => Assert.True(timings.TryGetProperty(stage, out _), stage));
        Assert.Equal(32, json.GetProperty("conversation_id").GetString()!.Length);
    }

    [Fact]
    public async Task The_audit_record_holds_the_question_the_generated_and_executed_sql_the_verdict_and_the_model()
    {
        await using var model = await ScriptedChatEndpoint.StartAsync(SegmentsSql);
        await using var server = await AskServer.StartAsync(model);

        var json = await server.AskJsonAsync(new { source = "demo", question = "How many customers are in each segment?" });

        var record = await server.Audit.GetAsync(json.GetProperty("audit_id").GetInt64());
        Assert.NotNull(record);
        Assert.Equal("How many customers are in each segment?", record.Question);
        Assert.Equal(SegmentsSql, record.GeneratedSql);
        Assert.Equal(json.GetProperty("sql").GetString(), record.ExecutedSql);
        Assert.Equal(AuditVerdict.Allowed, record.Verdict);
        Assert.Equal($"openai:{AskServer.Model}", record.ModelId);
        Assert.Equal(3, record.RowCount);
    }

    [Fact]
    public async Task A_rejected_candidate_goes_back_with_its_error_and_the_repair_runs()
    {
        await using var model = await ScriptedChatEndpoint.StartAsync("DELETE FROM customers", "SELECT COUNT(*) AS customers FROM customers");
        await using var server = await AskServer.StartAsync(model);

        var json = await server.AskJsonAsync(new { source = "demo", question = "How many customers are there?" });

        Assert.Equal("allowed", json.GetProperty("verdict").GetString());
        Assert.Equal(2, json.GetProperty("candidates_tried").GetInt32());
        Assert.Equal("rejected", json.GetProperty("candidates")[0].GetProperty("outcome").GetString());
        var repair = model.Requests[1].Prompt;
        Assert.Contains("DELETE FROM customers", repair, StringComparison.Ordinal);
        Assert.Contains("Rejected by the gateway's policy", repair, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_candidate_that_fails_on_the_source_goes_back_with_the_engines_message()
    {
        await using var model = await ScriptedChatEndpoint.StartAsync("SELECT no_such_column FROM customers", "SELECT COUNT(*) AS customers FROM customers");
        await using var server = await AskServer.StartAsync(model);

        var json = await server.AskJsonAsync(new { source = "demo", question = "How many customers are there?" });

        Assert.Equal("allowed", json.GetProperty("verdict").GetString());
        Assert.Contains("no_such_column", model.Requests[1].Prompt[model.Requests[1].Prompt.IndexOf("Error:", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repairs_stop_at_the_limit_and_the_ask_is_audited_as_rejected()
    {
        await using var model = await ScriptedChatEndpoint.StartAsync("DELETE FROM customers", "DROP TABLE customers", "UPDATE customers SET name = 'x'");
        await using var server = await AskServer.StartAsync(model);

        var json = await server.AskJsonAsync(new { source = "demo", question = "Remove every customer" });

        Assert.Equal("rejected", json.GetProperty("verdict").GetString());
        Assert.Equal("ask.unanswered", json.GetProperty("code").GetString());
        Assert.Equal(3, json.GetProperty("candidates_tried").GetInt32());
        Assert.Equal(0, json.GetProperty("row_count").GetInt32());
        Assert.Equal(3, model.Requests.Count);
        var record = await server.Audit.GetAsync(json.GetProperty("audit_id").GetInt64());
        Assert.Equal(AuditVerdict.Rejected, record!.Verdict);
        Assert.Null(record.ExecutedSql);
        Assert.NotNull(record.Rule);
    }

    [Fact]
    public async Task An_intermediate_query_is_run_and_its_values_are_given_to_the_generator()
    {
        await using var model = await ScriptedChatEndpoint.StartAsync(
            "```sql\n-- intermediate_sql\nSELECT DISTINCT segment FROM customers\n```",
            "SELECT COUNT(*) AS customers FROM customers WHERE segment = 'small_business'");
        await using var server = await AskServer.StartAsync(model);

        var json = await server.AskJsonAsync(new { source = "demo", question = "How many small business customers are there?" });

        Assert.Equal("allowed", json.GetProperty("verdict").GetString());
        Assert.Equal("intermediate", json.GetProperty("candidates")[0].GetProperty("outcome").GetString());
        Assert.Contains("'small_business'", model.Requests[1].Prompt, StringComparison.Ordinal);
        Assert.Contains("'corporate'", model.Requests[1].Prompt, StringComparison.Ordinal);
        Assert.Contains("WHERE segment = 'small_business'", json.GetProperty("sql").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_follow_up_in_the_same_conversation_carries_the_earlier_question_and_sql()
    {
        await using var model = await ScriptedChatEndpoint.StartAsync(
            "SELECT COUNT(*) AS customers FROM customers",
            "SELECT r.name, COUNT(*) AS customers FROM customers c JOIN regions r ON r.region_id = c.region_id GROUP BY r.name");
        await using var server = await AskServer.StartAsync(model);
        var first = await server.AskJsonAsync(new { source = "demo", question = "How many customers are there?" });

        var second = await server.AskJsonAsync(new { source = "demo", question = "and by region?", conversation_id = first.GetProperty("conversation_id").GetString() });

        Assert.Equal(first.GetProperty("conversation_id").GetString(), second.GetProperty("conversation_id").GetString());
        var prompt = model.Requests[1].Prompt;
        Assert.Contains("Question: How many customers are there?\nSQL: SELECT COUNT(*) AS customers FROM customers", prompt, StringComparison.Ordinal);
        Assert.DoesNotContain("Earlier in this conversation", model.Requests[0].Prompt, StringComparison.Ordinal);
        Assert.Equal(8, second.GetProperty("row_count").GetInt32());
    }

    [Fact]
    public async Task An_unknown_conversation_id_is_404()
    {
        await using var model = await ScriptedChatEndpoint.StartAsync("SELECT 1");
        await using var server = await AskServer.StartAsync(model);

        using var response = await server.AskAsync(new { source = "demo", question = "and by region?", conversation_id = "0123456789abcdef0123456789abcdef" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("ask.conversation_not_found", await GatewayServer.ProblemCodeAsync(response));
        Assert.Empty(model.Requests);
    }

    [Fact]
    public async Task A_refusal_is_answered_with_the_models_reason_and_audited_with_its_code()
    {
        await using var model = await ScriptedChatEndpoint.StartAsync("The tables hold nothing about the weather.");
        await using var server = await AskServer.StartAsync(model);

        var json = await server.AskJsonAsync(new { source = "demo", question = "Will it rain tomorrow in the Northeast region?" });

        Assert.Equal("refused", json.GetProperty("verdict").GetString());
        Assert.Equal("ask.refused", json.GetProperty("code").GetString());
        Assert.Equal("The tables hold nothing about the weather.", json.GetProperty("answer").GetString());
        var record = await server.Audit.GetAsync(json.GetProperty("audit_id").GetInt64());
        Assert.Equal("ask.refused", record!.ErrorCode);
    }

    [Fact]
    public async Task Greetings_and_identity_are_answered_from_the_schema_without_any_model()
    {
        await using var server = await AskServer.StartAsync(generator: null);

        var json = await server.AskJsonAsync(new { source = "demo", question = "Hello! Who are you?" });

        Assert.Equal("conversation", json.GetProperty("route").GetString());
        var answer = json.GetProperty("answer").GetString()!;
        Assert.Contains("data analyst", answer, StringComparison.Ordinal);
        Assert.Contains("customers", answer, StringComparison.Ordinal);
        Assert.Contains("You could ask", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_structure_question_lists_the_tables_without_any_model()
    {
        await using var server = await AskServer.StartAsync(generator: null);

        var json = await server.AskJsonAsync(new { source = "demo", question = "What tables do you have?" });

        Assert.Equal("structure", json.GetProperty("route").GetString());
        Assert.Contains("order_items", json.GetProperty("answer").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_question_about_one_tables_columns_describes_that_table()
    {
        await using var server = await AskServer.StartAsync(generator: null);

        var json = await server.AskJsonAsync(new { source = "demo", question = "Which columns does the orders table have?" });

        var answer = json.GetProperty("answer").GetString()!;
        Assert.Contains("ordered_at", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("discount_pct", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_chat_model_general_conversation_is_answered_by_it_as_a_data_analyst_with_the_ddl()
    {
        await using var chat = await ScriptedChatEndpoint.StartAsync("I am a data analyst for the demo shop. Try: revenue by month.");
        await using var server = await AskServer.StartAsync(generator: null, chat);

        var json = await server.AskJsonAsync(new { source = "demo", question = "who are you?" });

        Assert.Equal("I am a data analyst for the demo shop. Try: revenue by month.", json.GetProperty("answer").GetString());
        var system = Assert.Single(chat.Requests).Messages[0];
        Assert.Equal("system", system.Role);
        Assert.Contains("expert data analyst", system.Content, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE \"customers\"", system.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_chat_model_the_written_analysis_is_added_beside_the_computed_summary()
    {
        await using var model = await ScriptedChatEndpoint.StartAsync(SegmentsSql);
        await using var chat = await ScriptedChatEndpoint.StartAsync("Consumers dominate the customer base.");
        await using var server = await AskServer.StartAsync(model, chat);

        var json = await server.AskJsonAsync(new { source = "demo", question = "How many customers are in each segment?" });

        var analysis = json.GetProperty("analysis");
        Assert.Equal("Consumers dominate the customer base.", analysis.GetProperty("written").GetString());
        Assert.Equal("openai:scripted-chat", analysis.GetProperty("written_by").GetString());
        Assert.Contains("small_business", Assert.Single(chat.Requests).Prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_data_question_without_a_generator_gets_the_no_generator_route_with_guidance_and_an_audit_record()
    {
        await using var server = await AskServer.StartAsync(generator: null);

        var json = await server.AskJsonAsync(new { source = "demo", question = "How many customers are there?" });

        Assert.Equal("no_generator", json.GetProperty("route").GetString());
        Assert.Equal("ask.no_generator", json.GetProperty("code").GetString());
        Assert.Contains("No SQL generator is configured", json.GetProperty("answer").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKindNull, json.GetProperty("sql").ValueKind);
        var record = await server.Audit.GetAsync(json.GetProperty("audit_id").GetInt64());
        Assert.Equal("ask.no_generator", record!.ErrorCode);
    }

    [Fact]
    public async Task An_unknown_generator_name_is_400()
    {
        await using var model = await ScriptedChatEndpoint.StartAsync("SELECT 1");
        await using var server = await AskServer.StartAsync(model);

        using var response = await server.AskAsync(new { source = "demo", question = "How many customers are there?", generator = "nope" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("ask.unknown_generator", await GatewayServer.ProblemCodeAsync(response));
    }

    [Fact]
    public async Task A_failing_model_endpoint_is_502_generation_failed_and_audited()
    {
        await using var model = await ScriptedChatEndpoint.StartAsync();
        model.Fail(400);
        await using var server = await AskServer.StartAsync(model);

        using var response = await server.AskAsync(new { source = "demo", question = "How many customers are there?" });

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var problem = await GatewayServer.JsonAsync(response);
        Assert.Equal("generation.failed", problem.GetProperty("code").GetString());
        var record = await server.Audit.GetAsync(problem.GetProperty("auditId").GetInt64());
        Assert.Equal("generation.failed", record!.ErrorCode);
    }

    [Fact]
    public async Task Asking_needs_the_analyst_role()
    {
        await using var server = await AskServer.StartAsync(generator: null, configure: o => o with { Anonymous = AnonymousMode.Off });
        var reader = await server.CreateKeyAsync(GatewayRoles.Reader);

        using var response = await server.AskAsync(new { source = "demo", question = "hello" }, reader);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_source_the_key_does_not_grant_is_403_and_audited()
    {
        await using var server = await AskServer.StartAsync(generator: null, configure: o => o with { Anonymous = AnonymousMode.Off });
        var key = await server.CreateKeyAsync(GatewayRoles.Analyst, "other");

        using var response = await server.AskAsync(new { source = "demo", question = "hello" }, key);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await GatewayServer.JsonAsync(response);
        Assert.Equal("auth.source_forbidden", problem.GetProperty("code").GetString());
        var record = await server.Audit.GetAsync(problem.GetProperty("auditId").GetInt64());
        Assert.Equal("hello", record!.Question);
    }

    [Fact]
    public async Task A_missing_question_is_400()
    {
        await using var server = await AskServer.StartAsync(generator: null);

        using var response = await server.AskAsync(new { source = "demo" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("request.invalid", await GatewayServer.ProblemCodeAsync(response));
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}
