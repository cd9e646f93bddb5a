using System.Text.Json;
using Gateway.Cli;

namespace Gateway.Tests.Commands;

public sealed class BenchChatAndUpstreamCommandTests
{
    [Fact]
    public async Task Bench_upstream_reports_every_concurrency_and_one_audit_record_per_forwarded_request()
    {
        var (code, output, error) = await CliRunner.RunAsync("bench", "upstream", "--requests", "8", "--json");

        Assert.True(code == ExitCodes.Success, error);
        using var json = JsonDocument.Parse(output);
        var results = json.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal([1, 8, 64], results.Select(r => r.GetProperty("clients").GetInt32()));
        Assert.All(results, r => Assert.True(r.GetProperty("via_gateway").GetProperty("requests_per_second").GetDouble() > 0));
        Assert.True(json.RootElement.GetProperty("audit_exact").GetBoolean());
    }

    [Fact]
    public async Task Bench_chat_measures_every_path_on_a_local_model()
    {
        using var folder = new TinyModelFolder();
        await folder.InitAsync();

        var (code, output, error) = await CliRunner.RunAsync("bench", "chat", "--model", folder.Model, "--requests", "2", "--max-tokens", "4", "--json");

        Assert.True(code == ExitCodes.Success, error);
        using var json = JsonDocument.Parse(output);
        foreach (var path in new[] { "in_process", "http_whole", "http_stream_first_chunk", "http_stream_done" })
        {
            Assert.True(json.RootElement.GetProperty(path).GetProperty("p50_ms").GetDouble() > 0, path);
        }

        Assert.True(json.RootElement.GetProperty("audit_exact").GetBoolean());
    }

    [Fact]
    public async Task Bench_chat_with_a_folder_that_is_not_a_model_is_a_usage_error()
    {
        var (code, _, error) = await CliRunner.RunAsync("bench", "chat", "--model", Path.GetTempPath());

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("config.json", error, StringComparison.Ordinal);
    }
}
