using System.Collections.Concurrent;
using System.Diagnostics;
using Gateway.Audit.Telemetry;

namespace Gateway.Api.Tests.Telemetry;

public sealed class TracingTests
{
    [Fact]
    public async Task Auth_validate_and_audit_spans_share_the_trace_id_stored_in_the_audit_record()
    {
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == GatewayActivitySource.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        await using var server = await GatewayServer.StartAsync();

        using var response = await server.ValidateAsync(new { dialect = "postgres", sql = "DROP TABLE users" });
        var record = await server.Audit.GetAsync((await GatewayServer.JsonAsync(response)).GetProperty("auditId").GetInt64());

        // Other tests run in parallel in this process; only this request's trace counts.
        var names = spans.Where(s => s.TraceId.ToString() == record!.TraceId).Select(s => s.OperationName).ToHashSet();
        Assert.Contains("gateway.auth", names);
        Assert.Contains("gateway.validate", names);
        Assert.Contains("gateway.audit.append", names);
    }
}
