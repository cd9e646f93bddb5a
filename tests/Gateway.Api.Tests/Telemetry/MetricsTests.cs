using System.Globalization;
using System.Net;

namespace Gateway.Api.Tests.Telemetry;

public sealed class MetricsTests
{
    /// <summary>Sums every sample of a Prometheus metric family in a scrape (0 when absent).</summary>
    private static double Sum(string scrape, string name, string? labelFragment = null) => scrape
        .Split('\n')
        .Where(line => line.StartsWith(name, StringComparison.Ordinal) && (line.Length == name.Length || line[name.Length] is ' ' or '{'))
        .Where(line => labelFragment is null || line.Contains(labelFragment, StringComparison.Ordinal))
        .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));

    [Fact]
    public async Task Request_and_rejection_counters_move_after_requests()
    {
        await using var server = await GatewayServer.StartAsync();
        var before = await server.Client.GetStringAsync("/metrics");

        for (var i = 0; i < 3; i++)
        {
            using var response = await server.ValidateAsync(new { dialect = "postgres", sql = "DROP TABLE users" });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var after = await server.Client.GetStringAsync("/metrics");
        Assert.True(Sum(after, "gateway_requests_total") >= Sum(before, "gateway_requests_total") + 3, after);
        Assert.True(Sum(after, "gateway_rejections_total") >= Sum(before, "gateway_rejections_total") + 3, after);
        Assert.Contains("gateway_stage_duration_seconds_bucket", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_are_served_in_prometheus_text_format_without_a_key()
    {
        await using var server = await GatewayServer.StartAsync(o => o with { Anonymous = AnonymousMode.Off });

        using var response = await server.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
    }
}
