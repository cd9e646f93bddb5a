using System.Net;
using System.Net.Http.Json;
using Gateway.Api.Execution;
using Gateway.Audit.Keys;
using Gateway.Audit.Trail;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Api.Tests.Execution;

public sealed class SqlEndpointsTests : IAsyncLifetime
{
    private readonly string _dbDir = Directory.CreateTempSubdirectory("gateway-sql-").FullName;
    private ReadOnlySqliteQueryService _queries = null!;
    private GatewayServer _server = null!;

    public async Task InitializeAsync()
    {
        var path = Path.Combine(_dbDir, "shop.db");
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=false"))
        {
            await connection.OpenAsync();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE orders (id INTEGER, total REAL); INSERT INTO orders VALUES (1, 9.5), (2, 20);";
            await command.ExecuteNonQueryAsync();
        }

        _queries = new ReadOnlySqliteQueryService(path);
        _server = await GatewayServer.StartAsync(
            o => o with { Sources = [$"shop=sqlite:Data Source={path}", "hr=postgres:Host=127.0.0.1"] },
            services => services.AddSingleton<IQueryService>(_queries));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dbDir, recursive: true);
    }

    private async Task<HttpResponseMessage> RunAsync(object body, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/sql") { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("X-API-Key", key);
        }

        return await _server.Client.SendAsync(request);
    }

    [Fact]
    public async Task Rejected_sql_is_422_with_its_rule_audited_and_never_executed()
    {
        using var response = await RunAsync(new { source = "shop", sql = "DROP TABLE orders" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("sql.rejected", await GatewayServer.ProblemCodeAsync(response));
        var problem = await GatewayServer.JsonAsync(response);
        var record = await _server.Audit.GetAsync(problem.GetProperty("auditId").GetInt64());
        Assert.Equal(AuditVerdict.Rejected, record!.Verdict);
        Assert.Equal(problem.GetProperty("rule").GetString(), record.Rule);
        Assert.Equal(0, _queries.Calls);
    }

    [Fact]
    public async Task Select_either_runs_and_audits_its_row_count_or_is_rejected_unexecuted()
    {
        // Holds before and after the SQLite validator lands: until then everything is rejected.
        using var response = await RunAsync(new { source = "shop", sql = "SELECT id, total FROM orders ORDER BY id" });

        if (response.StatusCode == HttpStatusCode.OK)
        {
            var json = await GatewayServer.JsonAsync(response);
            Assert.Equal(2, json.GetProperty("row_count").GetInt64());
            Assert.Equal(["id", "total"], json.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
            var record = await _server.Audit.GetAsync(json.GetProperty("audit_id").GetInt64());
            Assert.Equal(AuditVerdict.Allowed, record!.Verdict);
            Assert.Equal(2, record.RowCount);
            Assert.Equal(json.GetProperty("sql").GetString(), record.ExecutedSql);
        }
        else
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Equal(0, _queries.Calls);
        }
    }

    [Fact]
    public async Task Reader_key_may_not_run_sql()
    {
        var key = await _server.CreateKeyAsync(GatewayRoles.Reader);

        using var response = await RunAsync(new { source = "shop", sql = "SELECT 1" }, key);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, _queries.Calls);
    }

    [Fact]
    public async Task Source_outside_the_grant_is_403_and_audited()
    {
        var key = await _server.CreateKeyAsync(GatewayRoles.Analyst, "hr");

        using var response = await RunAsync(new { source = "shop", sql = "SELECT 1" }, key);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("auth.source_forbidden", await GatewayServer.ProblemCodeAsync(response));
        var record = Assert.Single((await _server.Audit.QueryAsync(AuditFilter.All, null, 10)).Records);
        Assert.Equal("auth.source_forbidden", record.ErrorCode);
    }

    [Fact]
    public async Task Unknown_source_is_404_and_never_executed()
    {
        using var response = await RunAsync(new { source = "nowhere", sql = "SELECT 1" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("source.unknown", await GatewayServer.ProblemCodeAsync(response));
        Assert.Equal(0, _queries.Calls);
    }
}
