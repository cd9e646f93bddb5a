using System.Text.Json;
using Gateway.Cli;

namespace Gateway.Tests.Commands;

public sealed class EvalSpiderCommandTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("gateway-eval-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private static string SpiderDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Gateway.sln")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "spider"));
            }
        }

        throw new DirectoryNotFoundException("Gateway.sln not found above the test assembly.");
    }

    private static Task<(int Code, string Output, string Error)> EvalAsync(params string[] args) =>
        CliRunner.RunAsync(["eval", "spider", "--data", SpiderDirectory(), .. args]);

    [Fact]
    public async Task Without_a_predictor_names_the_model_option_and_exits_with_usage_code()
    {
        var (code, _, error) = await EvalAsync("--split", "dev");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("give --model DIR", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_folder_without_a_config_is_a_usage_error_that_names_it()
    {
        var (code, _, error) = await EvalAsync("--model", _temp, "--limit", "1");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("config.json", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_and_a_predictions_file_together_are_refused()
    {
        var (code, _, error) = await EvalAsync("--model", _temp, "--gold-as-prediction");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("only one of", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_ir_round_trip_reproduces_the_first_training_questions_and_reports_its_misses_and_sizes()
    {
        var (code, output, error) = await EvalAsync("--split", "train", "--predictor", "ir-roundtrip", "--limit", "20", "--json");

        Assert.True(code == ExitCodes.Success, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(1.0, json.RootElement.GetProperty("execution_accuracy").GetDouble());
        Assert.Contains("IR round trip misses, by reason:", error, StringComparison.Ordinal);
        Assert.Contains("actions per query: mean", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_predictor_is_a_usage_error()
    {
        var (code, _, _) = await EvalAsync("--predictor", "oracle");

        Assert.Equal(ExitCodes.Usage, code);
    }

    [Fact]
    public async Task Gold_as_prediction_prints_a_perfect_json_summary()
    {
        var (code, output, error) = await EvalAsync("--gold-as-prediction", "--limit", "20", "--json");

        Assert.True(code == ExitCodes.Success, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(20, root.GetProperty("n").GetInt32());
        Assert.Equal(20, root.GetProperty("n_executable").GetInt32());
        Assert.Equal(1.0, root.GetProperty("execution_accuracy").GetDouble());
        Assert.Equal(1.0, root.GetProperty("exact_match").GetDouble());
        Assert.Equal(
            ["easy", "medium", "hard", "extra"],
            root.GetProperty("by_hardness").EnumerateObject().Select(p => p.Name));
        Assert.True(root.GetProperty("by_hardness").GetProperty("easy").TryGetProperty("execution_accuracy", out _));
    }

    [Fact]
    public async Task Default_data_folder_is_found_beside_the_repository()
    {
        var (code, output, error) = await CliRunner.RunAsync("eval", "spider", "--gold-as-prediction", "--limit", "2", "--json");

        Assert.True(code == ExitCodes.Success, error);
        Assert.Contains("\"n\":2", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writes_one_json_line_per_question_with_the_prediction_fields()
    {
        var log = Path.Combine(_temp, "predictions.jsonl");

        var (code, _, error) = await EvalAsync("--gold-as-prediction", "--limit", "5", "--predictions", log);

        Assert.True(code == ExitCodes.Success, error);
        var lines = await File.ReadAllLinesAsync(log);
        Assert.Equal(5, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        foreach (var field in new[] { "index", "db_id", "question", "gold", "predicted", "correct", "exact", "hardness" })
        {
            Assert.True(first.RootElement.TryGetProperty(field, out _), field);
        }

        Assert.Equal("easy", first.RootElement.GetProperty("hardness").GetString());
    }

    [Fact]
    public async Task Scores_predictions_from_a_file_in_spiders_pred_txt_format()
    {
        var predictions = Path.Combine(_temp, "pred.txt");
        await File.WriteAllLinesAsync(predictions, ["SELECT count(*) FROM singer", "SELECT name FROM singer"]);

        var (code, output, error) = await EvalAsync("--from", predictions, "--limit", "2", "--json");

        Assert.True(code == ExitCodes.Success, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(0.5, json.RootElement.GetProperty("exact_match").GetDouble());
        Assert.Equal(0.5, json.RootElement.GetProperty("execution_accuracy").GetDouble());
    }

    [Fact]
    public async Task A_predictions_file_that_misses_selected_questions_is_an_input_error()
    {
        var predictions = Path.Combine(_temp, "short.txt");
        await File.WriteAllLinesAsync(predictions, ["SELECT count(*) FROM singer"]);

        var (code, _, error) = await EvalAsync("--from", predictions, "--limit", "3");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("none for 2 selected questions", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_without_its_file_is_excluded_from_execution_accuracy()
    {
        var (code, output, error) = await EvalAsync("--gold-as-prediction", "--db", "wta_1", "--json");

        Assert.True(code == ExitCodes.Success, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(62, json.RootElement.GetProperty("n").GetInt32());
        Assert.Equal(0, json.RootElement.GetProperty("n_executable").GetInt32());
        Assert.Equal("wta_1", json.RootElement.GetProperty("missing_databases")[0].GetString());
    }

    [Fact]
    public async Task Prints_a_readable_table_by_hardness_by_default()
    {
        var (code, output, _) = await EvalAsync("--baseline", "count-first-table", "--limit", "10");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("hardness", output, StringComparison.Ordinal);
        Assert.Contains("medium", output, StringComparison.Ordinal);
        Assert.Contains("all", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_prediction_sources_are_a_usage_error()
    {
        var (code, _, _) = await EvalAsync("--gold-as-prediction", "--baseline", "count-first-table");

        Assert.Equal(ExitCodes.Usage, code);
    }

    [Fact]
    public async Task Unknown_split_is_a_usage_error()
    {
        var (code, _, _) = await EvalAsync("--split", "test", "--gold-as-prediction");

        Assert.Equal(ExitCodes.Usage, code);
    }
}
