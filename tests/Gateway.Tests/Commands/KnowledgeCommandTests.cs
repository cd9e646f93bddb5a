using System.Text.Json;
using Gateway.Cli;

namespace Gateway.Tests.Commands;

public sealed class KnowledgeCommandTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("gateway-knowledge-").FullName;
    private readonly TempDirectory _files = new("gateway-knowledge-files-");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDir, recursive: true);
        _files.Dispose();
    }

    private Task<(int Code, string Output, string Error)> RunAsync(params string[] args) =>
        CliRunner.RunAsync([.. args, "--data-dir", _dataDir]);

    private async Task<JsonElement[]> ListAsync(string source = "demo")
    {
        var (code, output, error) = await RunAsync("knowledge", "list", "--source", source, "--json");
        Assert.True(code == ExitCodes.Success, error);
        using var json = JsonDocument.Parse(output);
        return [.. json.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    [Fact]
    public async Task Add_a_pair_then_list_shows_it_written_by_cli()
    {
        var (code, output, error) = await RunAsync("knowledge", "add", "--source", "demo", "--question", "How many customers?", "--sql", "SELECT count(*) FROM customers", "--no-embed");

        Assert.True(code == ExitCodes.Success, error);
        Assert.StartsWith("added k", output, StringComparison.Ordinal);
        var item = Assert.Single(await ListAsync());
        Assert.Equal("pair", item.GetProperty("kind").GetString());
        Assert.Equal("cli", item.GetProperty("author").GetString());
        Assert.Equal("SELECT count(*) FROM customers", item.GetProperty("sql").GetString());
    }

    [Fact]
    public async Task A_pair_the_policy_rejects_exits_3_with_its_rule_and_stores_nothing()
    {
        var (code, _, error) = await RunAsync("knowledge", "add", "--source", "demo", "--question", "Clean up", "--sql", "DELETE FROM customers", "--no-embed");

        Assert.Equal(ExitCodes.Rejected, code);
        Assert.Contains("rejected [statement.data_change]", error, StringComparison.Ordinal);
        Assert.Empty(await ListAsync());
    }

    [Fact]
    public async Task A_pair_is_validated_in_the_dialect_of_the_named_source()
    {
        var (code, _, error) = await RunAsync("knowledge", "add", "--source", "pg=postgres:Host=127.0.0.1;Database=x", "--question", "Names", "--sql", "SELECT `name` FROM customers", "--no-embed");

        Assert.Equal(ExitCodes.Rejected, code);
        Assert.Contains("parse.error", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_jsonl_file_adds_every_line_and_a_bad_line_adds_nothing()
    {
        var good = _files.Write("good.jsonl", """
            {"text": "Revenue is counted net of refunds."}
            {"kind": "ddl", "text": "orders.status is lower case."}

            {"question": "How many orders?", "sql": "SELECT count(*) FROM orders"}
            """);
        var bad = _files.Write("bad.jsonl", """
            {"text": "Fine."}
            {"question": "No SQL here"}
            """);

        var (goodCode, _, goodError) = await RunAsync("knowledge", "add", "--source", "demo", "--file", good, "--no-embed");
        var (badCode, _, badError) = await RunAsync("knowledge", "add", "--source", "other=sqlite:Data Source=x.db", "--file", bad, "--no-embed");

        Assert.True(goodCode == ExitCodes.Success, goodError);
        Assert.Equal(["doc", "ddl", "pair"], (await ListAsync()).Select(i => i.GetProperty("kind").GetString()));
        Assert.Equal(ExitCodes.Usage, badCode);
        Assert.Contains("bad.jsonl:2", badError, StringComparison.Ordinal);
        Assert.Empty(await ListAsync("other"));
    }

    [Fact]
    public async Task A_rejected_pair_in_a_file_is_named_by_its_line()
    {
        var file = _files.Write("pairs.jsonl", """
            {"question": "How many orders?", "sql": "SELECT count(*) FROM orders"}
            {"question": "Clean up", "sql": "DROP TABLE orders"}
            """);

        var (code, _, error) = await RunAsync("knowledge", "add", "--source", "demo", "--file", file, "--no-embed");

        Assert.Equal(ExitCodes.Rejected, code);
        Assert.Contains("pairs.jsonl:2", error, StringComparison.Ordinal);
        Assert.Empty(await ListAsync());
    }

    [Fact]
    public async Task Delete_removes_the_item_and_an_unknown_id_is_a_usage_error()
    {
        await RunAsync("knowledge", "add", "--source", "demo", "--doc", "Churn means no order in 90 days.", "--no-embed");
        var id = (await ListAsync())[0].GetProperty("id").GetString()!;

        var (code, _, _) = await RunAsync("knowledge", "delete", "--source", "demo", id);
        var (again, _, error) = await RunAsync("knowledge", "delete", "--source", "demo", id);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Empty(await ListAsync());
        Assert.Equal(ExitCodes.Usage, again);
        Assert.Contains("no knowledge item", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_needs_exactly_one_kind_of_item()
    {
        var (code, _, error) = await RunAsync("knowledge", "add", "--source", "demo", "--doc", "x", "--question", "y", "--sql", "SELECT 1");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("exactly one", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_source_name_is_a_usage_error_for_add()
    {
        var (code, _, error) = await RunAsync("knowledge", "add", "--source", "nowhere", "--doc", "x", "--no-embed");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("no source is named 'nowhere'", error, StringComparison.Ordinal);
    }
}
