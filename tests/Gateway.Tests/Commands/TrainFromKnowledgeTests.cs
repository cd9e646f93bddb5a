using System.Text.Json;
using Gateway.Cli;
using Gateway.Testing;

namespace Gateway.Tests.Commands;

/// <summary>
/// <c>gateway train --from-knowledge</c> on the real demo SQLite source, from a tiny untrained pointer model the test
/// writes; then <c>gateway ask</c> answers that source with the adapter.
/// </summary>
public sealed class TrainFromKnowledgeTests : IDisposable
{
    private readonly TinyPointerModel _model = TinyPointerModel.Create(version: "tiny-base");
    private readonly TempDirectory _data = new("gateway-train-knowledge-");

    public void Dispose()
    {
        _model.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Dispose();
    }

    private string Config() => _data.Write("gateway.yaml", $"ask:\n  defaultModel: {_model.Directory}\n");

    private async Task<string> AddPairAsync(string question, string sql)
    {
        var (code, output, error) = await CliRunner.RunAsync("knowledge", "add", "--source", "demo", "--question", question, "--sql", sql, "--no-embed", "--json", "--data-dir", _data.FullName);
        Assert.True(code == ExitCodes.Success, error);
        using var json = JsonDocument.Parse(output);
        return json.RootElement[0].GetProperty("id").GetString()!;
    }

    private string AdapterFolder => Path.Combine(_data.FullName, "adapters", "pointer", "demo");

    [Fact]
    public async Task The_adapter_is_trained_on_the_representable_pairs_and_the_others_are_reported_with_their_reason()
    {
        await AddPairAsync("How many customers are there?", "SELECT count(*) FROM customers");
        await AddPairAsync("List the region names", "SELECT name FROM regions");
        var cte = await AddPairAsync("Customers via a CTE", "WITH c AS (SELECT * FROM customers) SELECT count(*) FROM c");

        var (code, output, error) = await CliRunner.RunAsync("train", "--from-knowledge", "demo", "--epochs", "2", "--config", Config(), "--data-dir", _data.FullName);

        Assert.True(code == ExitCodes.Success, error);
        Assert.Contains("trained on 2 of 3 pair(s) (1 skipped)", output, StringComparison.Ordinal);
        Assert.Contains($"skipped {cte} \"Customers via a CTE\": parse", error, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(AdapterFolder, "weights.safetensors")));
        Assert.True(File.Exists(Path.Combine(AdapterFolder, "config.json")));
        using var record = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(AdapterFolder, "training.json")));
        Assert.Equal("demo", record.RootElement.GetProperty("source").GetString());
        Assert.Equal("tiny-base", record.RootElement.GetProperty("base_version").GetString());
        Assert.Equal(2, record.RootElement.GetProperty("trained_on").GetInt32());
        Assert.Equal(2, record.RootElement.GetProperty("epochs").GetArrayLength());
        Assert.Equal(cte, Assert.Single(record.RootElement.GetProperty("skipped").EnumerateArray()).GetProperty("id").GetString());
        Assert.Empty(Directory.GetDirectories(AdapterFolder));
    }

    [Fact]
    public async Task Ask_on_the_source_then_answers_with_its_adapter_and_says_so_in_the_model_id()
    {
        await AddPairAsync("How many customers are there?", "SELECT count(*) FROM customers");
        var config = Config();
        var (trained, _, trainError) = await CliRunner.RunAsync("train", "--from-knowledge", "demo", "--epochs", "1", "--config", config, "--data-dir", _data.FullName);
        Assert.True(trained == ExitCodes.Success, trainError);

        var (_, output, error) = await CliRunner.RunAsync("ask", "how many customers are there?", "--json", "--config", config, "--data-dir", _data.FullName);

        using var json = JsonDocument.Parse(output);
        Assert.StartsWith("default:tiny-base+adapter:demo:", json.RootElement.GetProperty("model_id").GetString(), StringComparison.Ordinal);
        Assert.True(json.RootElement.GetProperty("audit_id").GetInt64() > 0, error);
    }

    [Fact]
    public async Task A_source_without_pairs_is_a_usage_error_that_says_how_to_add_them()
    {
        var (code, _, error) = await CliRunner.RunAsync("train", "--from-knowledge", "demo", "--config", Config(), "--data-dir", _data.FullName);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("no question-SQL pairs", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(AdapterFolder));
    }

    [Fact]
    public async Task Plain_train_without_its_required_options_is_still_a_usage_error()
    {
        var (code, _, error) = await CliRunner.RunAsync("train", "--data-dir", _data.FullName);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--from-knowledge", error, StringComparison.Ordinal);
    }
}
