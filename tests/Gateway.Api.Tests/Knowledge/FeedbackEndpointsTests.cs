using System.Net;
using Gateway.Audit.Trail;

namespace Gateway.Api.Tests.Knowledge;

public sealed class FeedbackEndpointsTests : IAsyncLifetime
{
    private GatewayServer _server = null!;

    public async Task InitializeAsync() => _server = await KnowledgeServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>An answered question in the real audit trail, as the ask pipeline records one.</summary>
    private async Task<long> AnswerAsync(string question, string sql, AuditVerdict verdict = AuditVerdict.Allowed)
    {
        var record = await _server.Audit.AppendAsync(new AuditEvent
        {
            Principal = "local",
            Source = "demo",
            Question = question,
            GeneratedSql = sql,
            ExecutedSql = sql + " LIMIT 1001",
            Verdict = verdict,
        });
        return record.Id;
    }

    [Fact]
    public async Task A_confirmed_answer_becomes_a_pair_for_its_source()
    {
        var auditId = await AnswerAsync("How many customers are there?", "SELECT count(*) FROM customers");

        using var response = await _server.SendAsync(HttpMethod.Post, "/v1/feedback", new { audit_id = auditId, correct = true });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var pair = (await GatewayServer.JsonAsync(response)).GetProperty("pair");
        Assert.Equal("How many customers are there?", pair.GetProperty("question").GetString());
        Assert.Equal("SELECT count(*) FROM customers", pair.GetProperty("sql").GetString());
        Assert.Equal(auditId, pair.GetProperty("audit_id").GetInt64());
        using var listed = await _server.SendAsync(HttpMethod.Get, "/v1/sources/demo/knowledge");
        Assert.Equal(pair.GetProperty("id").GetString(), Assert.Single((await GatewayServer.JsonAsync(listed)).EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_corrected_answer_stores_the_correction()
    {
        var auditId = await AnswerAsync("How many customers are there?", "SELECT count(*) FROM orders");

        using var response = await _server.SendAsync(HttpMethod.Post, "/v1/feedback", new { audit_id = auditId, correct = false, corrected_sql = "SELECT count(*) FROM customers" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("SELECT count(*) FROM customers", (await GatewayServer.JsonAsync(response)).GetProperty("pair").GetProperty("sql").GetString());
    }

    [Fact]
    public async Task A_correction_is_validated_first_and_a_rejected_one_names_its_rule()
    {
        var auditId = await AnswerAsync("Remove test customers", "SELECT 1");

        using var response = await _server.SendAsync(HttpMethod.Post, "/v1/feedback", new { audit_id = auditId, correct = false, corrected_sql = "DELETE FROM customers" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("sql.rejected", await GatewayServer.ProblemCodeAsync(response));
        Assert.Equal("statement.data_change", (await GatewayServer.JsonAsync(response)).GetProperty("rule").GetString());
    }

    [Fact]
    public async Task A_wrong_audit_id_is_a_404_problem()
    {
        using var response = await _server.SendAsync(HttpMethod.Post, "/v1/feedback", new { audit_id = 999_999, correct = true });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("audit.not_found", await GatewayServer.ProblemCodeAsync(response));
    }

    [Fact]
    public async Task Wrong_without_a_correction_stores_nothing()
    {
        var auditId = await AnswerAsync("Best month?", "SELECT 1");

        using var response = await _server.SendAsync(HttpMethod.Post, "/v1/feedback", new { audit_id = auditId, correct = false });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False((await GatewayServer.JsonAsync(response)).GetProperty("stored").GetBoolean());
    }

    [Fact]
    public async Task Confirming_the_same_answer_twice_stores_one_pair()
    {
        var auditId = await AnswerAsync("How many orders?", "SELECT count(*) FROM orders");

        using var first = await _server.SendAsync(HttpMethod.Post, "/v1/feedback", new { audit_id = auditId, correct = true });
        using var second = await _server.SendAsync(HttpMethod.Post, "/v1/feedback", new { audit_id = auditId, correct = true });

        using var listed = await _server.SendAsync(HttpMethod.Get, "/v1/sources/demo/knowledge");
        Assert.Single((await GatewayServer.JsonAsync(listed)).EnumerateArray());
    }

    [Fact]
    public async Task A_record_without_a_question_cannot_become_a_pair()
    {
        var record = await _server.Audit.AppendAsync(new AuditEvent { Principal = "local", Source = "demo", GeneratedSql = "SELECT 1", Verdict = AuditVerdict.Allowed });

        using var response = await _server.SendAsync(HttpMethod.Post, "/v1/feedback", new { audit_id = record.Id, correct = true });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("feedback.invalid", await GatewayServer.ProblemCodeAsync(response));
    }

    [Fact]
    public async Task A_rejected_answer_cannot_be_confirmed()
    {
        var auditId = await AnswerAsync("Drop it", "DROP TABLE customers", AuditVerdict.Rejected);

        using var response = await _server.SendAsync(HttpMethod.Post, "/v1/feedback", new { audit_id = auditId, correct = true });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("feedback.invalid", await GatewayServer.ProblemCodeAsync(response));
    }
}
