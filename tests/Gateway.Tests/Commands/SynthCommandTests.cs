using System.Text.Json;
using Gateway.Cli;

namespace Gateway.Tests.Commands;

public sealed class SynthCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("gateway-synth-tests-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A Spider folder with no training databases, so only <c>--source</c> databases are synthesized for.</summary>
    private string EmptySpider()
    {
        var spider = Path.Combine(_folder, "spider");
        Directory.CreateDirectory(spider);
        File.WriteAllText(Path.Combine(spider, "tables.json"), "[]");
        File.WriteAllText(Path.Combine(spider, "train_spider.json"), "[]");
        return spider;
    }

    [Fact]
    public async Task The_demo_source_gets_checked_pairs_its_schema_and_a_copy_of_its_database()
    {
        var output = Path.Combine(_folder, "out");

        var (code, stdout, error) = await CliRunner.RunAsync("synth", "--spider", EmptySpider(), "--out", output, "--source", "demo", "--per-database", "25");

        Assert.True(code == ExitCodes.Success, error);
        Assert.Contains("over 1 databases", stdout, StringComparison.Ordinal);
        using var rows = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "train.json")));
        Assert.Equal(25, rows.RootElement.GetArrayLength());
        Assert.All(rows.RootElement.EnumerateArray(), r => Assert.Equal("demo", r.GetProperty("db_id").GetString()));
        using var tables = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "tables.json")));
        Assert.Contains("customers", tables.RootElement[0].GetProperty("table_names_original").EnumerateArray().Select(t => t.GetString()));
        Assert.True(File.Exists(Path.Combine(output, "database", "demo", "demo.sqlite")));
    }

    [Fact]
    public async Task An_unknown_source_is_a_usage_error()
    {
        var (code, _, error) = await CliRunner.RunAsync("synth", "--spider", EmptySpider(), "--out", Path.Combine(_folder, "out"), "--source", "warehouse");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("only 'demo'", error, StringComparison.Ordinal);
    }
}
