using System.Text.Json;
using Gateway.Cli;

namespace Gateway.Tests.Commands;

public sealed class BenchSqlCommandTests : IClassFixture<DemoDataDirFixture>
{
    private readonly string _dataDir;

    public BenchSqlCommandTests(DemoDataDirFixture fixture)
    {
        _dataDir = fixture.DataDir;
    }

    [Fact]
    public async Task Bench_sql_reports_both_paths_over_the_same_thousand_rows()
    {
        var (code, output, error) = await CliRunner.RunAsync("bench", "sql", "--data-dir", _dataDir, "--iterations", "3", "--warmup", "1", "--json");

        Assert.True(code == ExitCodes.Success, error);
        using var document = JsonDocument.Parse(output);
        var root = document.RootElement;
        Assert.Equal(1000, root.GetProperty("rows").GetInt32());
        Assert.Equal(3, root.GetProperty("iterations").GetInt32());
        foreach (var name in new[] { "gateway_p50_ms", "gateway_p95_ms", "direct_p50_ms", "direct_p95_ms", "ratio_p50", "ratio_p95" })
        {
            Assert.True(root.GetProperty(name).GetDouble() > 0, name);
        }
    }

    [Fact]
    public async Task Bench_sql_validates_its_query_like_any_statement()
    {
        var (code, _, error) = await CliRunner.RunAsync("bench", "sql", "--data-dir", _dataDir, "--query", "DELETE FROM order_items", "--iterations", "1", "--warmup", "0");

        Assert.Equal(ExitCodes.Rejected, code);
        Assert.Contains("rejected", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_sql_refuses_zero_iterations()
    {
        var (code, _, _) = await CliRunner.RunAsync("bench", "sql", "--data-dir", _dataDir, "--iterations", "0");

        Assert.Equal(ExitCodes.Usage, code);
    }
}
