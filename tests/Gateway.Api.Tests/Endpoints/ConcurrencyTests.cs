using System.Net;

namespace Gateway.Api.Tests.Endpoints;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Concurrent_burst_is_audited_once_per_request_in_one_intact_chain()
    {
        const int n = 100;
        await using var server = await GatewayServer.StartAsync(o => o with { RateLimitPermits = 10 * n });

        var responses = await Task.WhenAll(Enumerable.Range(0, n).Select(i =>
            server.ValidateAsync(new { dialect = "postgres", sql = $"DROP TABLE t{i}" })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var auditIds = new HashSet<long>();
        foreach (var response in responses)
        {
            auditIds.Add((await GatewayServer.JsonAsync(response)).GetProperty("auditId").GetInt64());
            response.Dispose();
        }

        var verification = await server.Audit.VerifyAsync();
        Assert.True(verification.Intact, verification.Reason);
        Assert.Equal(n, verification.RecordsChecked);
        Assert.Equal(n, auditIds.Count);
    }
}
