using System.Net;
using Gateway.Testing;

namespace Gateway.Api.Tests.Auditing;

/// <summary>
/// Gateway replicas configured with one PostgreSQL audit trail (<c>audit.store: postgres</c>): real hosts on loopback,
/// real HTTP, the CI server. Each test has a schema of its own.
/// </summary>
public sealed class SharedPostgresTrailTests : IAsyncLifetime
{
    private const string Unreachable = "Host=127.0.0.1;Port=1;Database=gone;Username=u;Password=s3cret-pw;Timeout=3";

    private readonly string _schema = TestPostgres.NewSchemaName();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => TestPostgres.DropSchemaAsync(_schema);

    [SkippableFact]
    public async Task Two_replicas_answering_at_once_keep_one_chain_with_one_record_per_request()
    {
        TestPostgres.SkipUnlessAvailable();
        await using var replicaA = await GatewayServer.StartAsync(o => o with { Audit = TestPostgres.AuditOptions(_schema) });
        await using var replicaB = await GatewayServer.StartAsync(o => o with { Audit = TestPostgres.AuditOptions(_schema) });

        var responses = await Task.WhenAll(Enumerable.Range(0, 80).Select(i =>
            (i % 2 == 0 ? replicaA : replicaB).ValidateAsync(new { dialect = "postgres", sql = $"SELECT {i}" })));
        var auditIds = new List<long>();
        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            auditIds.Add((await GatewayServer.JsonAsync(response)).GetProperty("auditId").GetInt64());
            response.Dispose();
        }

        var verification = await replicaB.Audit.VerifyAsync();
        Assert.True(verification.Intact, verification.Reason);
        Assert.Equal(80, verification.RecordsChecked);
        Assert.Equal(Enumerable.Range(1, 80).Select(i => (long)i), auditIds.Order());
    }

    [SkippableFact]
    public async Task A_replica_reads_the_records_another_wrote()
    {
        TestPostgres.SkipUnlessAvailable();
        await using var writer = await GatewayServer.StartAsync(o => o with { Audit = TestPostgres.AuditOptions(_schema) });
        await using var reader = await GatewayServer.StartAsync(o => o with { Audit = TestPostgres.AuditOptions(_schema) });

        using var validated = await writer.ValidateAsync(new { dialect = "postgres", sql = "DELETE FROM t" });
        var auditId = (await GatewayServer.JsonAsync(validated)).GetProperty("auditId").GetInt64();
        using var read = await reader.GetAsync($"/v1/audit/{auditId}");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("rejected", (await GatewayServer.JsonAsync(read)).GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task Unreachable_audit_database_refuses_the_request_and_readiness()
    {
        await using var server = await GatewayServer.StartAsync(o => o with { Audit = TestPostgres.AuditOptions("public", Unreachable) });

        using var refused = await server.ValidateAsync(new { dialect = "postgres", sql = "SELECT 1" });
        using var ready = await server.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("audit.unavailable", await GatewayServer.ProblemCodeAsync(refused));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.DoesNotContain("s3cret-pw", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_with_an_unusable_audit_section_does_not_start()
    {
        var options = new GatewayApiOptions
        {
            DataDirectory = Path.GetTempPath(),
            Urls = ["http://127.0.0.1:0"],
            Audit = TestPostgres.AuditOptions("public", "Host=db;Username=u") with { PasswordEnv = "GATEWAY_TEST_SURELY_UNSET_PW" },
        };

        var ex = await Assert.ThrowsAsync<GatewayApiConfigurationException>(() => GatewayApiHost.BuildAsync(options));

        Assert.Contains(ex.Errors, e => e.Contains("GATEWAY_TEST_SURELY_UNSET_PW", StringComparison.Ordinal));
    }
}
