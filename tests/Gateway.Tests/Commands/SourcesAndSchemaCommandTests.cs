using System.Text.Json;
using Gateway.Cli;

namespace Gateway.Tests.Commands;

public sealed class SourcesAndSchemaCommandTests : IClassFixture<DemoDataDirFixture>
{
    private readonly string _dataDir;

    public SourcesAndSchemaCommandTests(DemoDataDirFixture fixture)
    {
        _dataDir = fixture.DataDir;
    }

    [Fact]
    public async Task Sources_lists_demo_and_given_sources_without_passwords()
    {
        var (code, output, _) = await CliRunner.RunAsync("sources", "--data-dir", _dataDir, "--json", "--source", "shop=postgres:Host=db;Username=u;Password=hunter2");

        Assert.Equal(ExitCodes.Success, code);
        using var document = JsonDocument.Parse(output);
        Assert.Equal(["demo", "shop"], document.RootElement.EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        Assert.DoesNotContain("hunter2", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sources_check_reports_each_status()
    {
        var (code, output, _) = await CliRunner.RunAsync("sources", "--data-dir", _dataDir, "--check", "--json", "--source", "gone=sqlite:/nonexistent/gone.db");

        Assert.Equal(ExitCodes.Success, code);
        using var document = JsonDocument.Parse(output);
        Assert.Equal(["ok", "unavailable"], document.RootElement.EnumerateArray().Select(s => s.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Schema_json_describes_the_demo_tables()
    {
        var (code, output, _) = await CliRunner.RunAsync("schema", "--data-dir", _dataDir);

        Assert.Equal(ExitCodes.Success, code);
        using var document = JsonDocument.Parse(output);
        var tables = document.RootElement.GetProperty("tables").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();
        Assert.Contains("orders", tables);
        Assert.Contains("order_totals", tables);
        Assert.Equal("sqlite", document.RootElement.GetProperty("provider").GetString());
    }

    [Fact]
    public async Task Schema_ddl_is_create_table_statements()
    {
        var (code, output, _) = await CliRunner.RunAsync("schema", "--data-dir", _dataDir, "--format", "ddl", "--refresh");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("CREATE TABLE \"orders\" (", output, StringComparison.Ordinal);
        Assert.Contains("REFERENCES \"customers\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schema_of_an_unreachable_source_exits_4()
    {
        var (code, _, error) = await CliRunner.RunAsync("schema", "--data-dir", _dataDir, "--source", "gone=sqlite:/nonexistent/gone.db");

        Assert.Equal(ExitCodes.Runtime, code);
        Assert.Contains("[unavailable]", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schema_rejects_an_unknown_format()
    {
        var (code, _, _) = await CliRunner.RunAsync("schema", "--data-dir", _dataDir, "--format", "xml");

        Assert.Equal(ExitCodes.Usage, code);
    }
}
