using System.Text.Json;
using Gateway.Cli;

namespace Gateway.Tests.Commands;

public sealed class BenchHttpCommandTests
{
    [Fact]
    public async Task Bench_http_reports_every_query_and_concurrency_and_one_audit_record_per_request()
    {
        var (code, output, error) = await CliRunner.RunAsync("bench", "http", "--requests", "8", "--json");

        Assert.True(code == ExitCodes.Success, error);
        using var json = JsonDocument.Parse(output);
        var results = json.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal([1, 8, 64, 1, 8, 64], results.Select(r => r.GetProperty("clients").GetInt32()));
        Assert.All(results, r => Assert.True(r.GetProperty("http").GetProperty("requests_per_second").GetDouble() > 0));
        Assert.True(json.RootElement.GetProperty("audit_exact").GetBoolean());
        Assert.Equal(json.RootElement.GetProperty("requests_sent").GetInt64(), json.RootElement.GetProperty("audit_records_added").GetInt64());
    }

    [Fact]
    public async Task Bench_http_refuses_a_non_positive_request_count()
    {
        var (code, _, _) = await CliRunner.RunAsync("bench", "http", "--requests", "0");

        Assert.Equal(ExitCodes.Usage, code);
    }
}
