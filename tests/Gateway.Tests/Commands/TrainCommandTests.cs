using System.Text.Json;
using Gateway.Cli;
using Microsoft.Data.Sqlite;

namespace Gateway.Tests.Commands;

public sealed class TrainCommandTests : IDisposable
{
    private readonly TinyModelFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private Task<(int Code, string Output, string Error)> TrainAsync(params string[] extra) => CliRunner.RunAsync(
    [
        "train", "--model", _folder.Model, "--data", _folder.Path("rows.jsonl"), "--out", _folder.Path("out"),
        "--prompt-template", _folder.Path("template.txt"), "--batch", "2", "--lr", "1e-3", "--threads", "1", .. extra,
    ]);

    [Fact]
    public async Task Two_steps_write_a_peft_adapter_and_eval_lines()
    {
        await _folder.InitAsync();

        var (code, output, error) = await TrainAsync("--max-steps", "2", "--eval-every", "1", "--holdout", "0.25", "--eval-limit", "1");

        Assert.True(code == ExitCodes.Success, error);
        Assert.Contains("trained steps 1-2 of 2", output, StringComparison.Ordinal);
        using var config = JsonDocument.Parse(File.ReadAllText(_folder.Path("out/adapter_config.json")));
        Assert.Equal("LORA", config.RootElement.GetProperty("peft_type").GetString());
        Assert.True(File.Exists(_folder.Path("out/adapter_model.safetensors")));
        var lines = File.ReadAllLines(_folder.Path("out/eval.jsonl"));
        Assert.Equal(2, lines.Length);
        using var last = JsonDocument.Parse(lines[^1]);
        Assert.Equal(2, last.RootElement.GetProperty("step").GetInt32());
        Assert.Equal(2, last.RootElement.GetProperty("examples").GetInt32());
    }

    [Fact]
    public async Task The_trained_adapter_loads_for_generation()
    {
        await _folder.InitAsync();
        await TrainAsync("--max-steps", "1", "--holdout", "0");

        var (code, output, error) = await CliRunner.RunAsync(
            "model", "generate", "--model", _folder.Model, "--adapter", _folder.Path("out"), "--prompt", "Q:x\nA:", "--max-new-tokens", "3", "--json", "--threads", "1");

        Assert.True(code == ExitCodes.Success, error);
        Assert.Contains("\"ids\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resume_starts_after_the_last_checkpoint_and_replaces_later_eval_lines()
    {
        await _folder.InitAsync();
        string[] options = ["--epochs", "2", "--max-steps", "4", "--save-every", "2", "--holdout", "0.25", "--eval-every", "1", "--eval-limit", "1"];
        await TrainAsync(options);

        var (code, output, error) = await TrainAsync([.. options, "--resume"]);

        Assert.True(code == ExitCodes.Success, error);
        Assert.Contains("resuming from", error, StringComparison.Ordinal);
        Assert.Contains("trained steps 3-4 of 4", output, StringComparison.Ordinal);
        var steps = File.ReadAllLines(_folder.Path("out/eval.jsonl")).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("step").GetInt32());
        Assert.Equal([1, 2, 3, 4], steps);
    }

    [Fact]
    public async Task Training_on_dev_json_is_refused()
    {
        File.Copy(_folder.Path("rows.jsonl"), _folder.Path("dev.json"));

        var (code, _, error) = await CliRunner.RunAsync(
            "train", "--model", _folder.Model, "--data", _folder.Path("dev.json"), "--out", _folder.Path("out"));

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("never train", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_model_scores_generation_and_execution()
    {
        await _folder.InitAsync();
        File.WriteAllText(_folder.Path("tables.json"), """
            [{"db_id": "db", "table_names": ["t"], "table_names_original": ["t"],
              "column_names": [[-1, "*"], [0, "a"]], "column_names_original": [[-1, "*"], [0, "a"]],
              "column_types": ["text", "number"], "primary_keys": [1], "foreign_keys": []}]
            """);
        Directory.CreateDirectory(_folder.Path("database/db"));
        using (var connection = new SqliteConnection($"Data Source={_folder.Path("database/db/db.sqlite")};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE t (a NUMERIC); INSERT INTO t VALUES (1), (2);";
            command.ExecuteNonQuery();
        }

        File.WriteAllText(_folder.Path("eval.jsonl"), """{"question": "all a", "query": "SELECT a FROM t", "db_id": "db"}""");

        var (code, output, error) = await CliRunner.RunAsync(
            "eval", "model", "--model", _folder.Model, "--data", _folder.Path("eval.jsonl"), "--tables", _folder.Path("tables.json"),
            "--db-dir", _folder.Path("database"), "--prompt-template", _folder.Path("template.txt"), "--max-new-tokens", "8", "--json", "--threads", "1");

        Assert.True(code == ExitCodes.Success, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(1, json.RootElement.GetProperty("examples").GetInt32());
        Assert.Equal(1, json.RootElement.GetProperty("executable").GetInt32());
        Assert.Equal(0, json.RootElement.GetProperty("execution_accuracy").GetDouble());
        Assert.True(json.RootElement.TryGetProperty("bleu4", out _));
    }
}
