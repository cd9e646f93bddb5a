using System.Text.Json;

namespace Gateway.Tests.Commands;

public sealed class EvalDemoCommandTests(DemoDataDirFixture fixture) : IClassFixture<DemoDataDirFixture>, IDisposable
{
    private readonly TempDirectory _dir = new("gateway-eval-demo-");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Gold_as_prediction_scores_100_percent()
    {
        var (code, output, _) = await CliRunner.RunAsync("--data-dir", fixture.DataDir, "eval", "demo", "--gold-as-prediction", "--json");

        Assert.Equal(0, code);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal(1.0, json.GetProperty("execution_accuracy").GetDouble());
        Assert.True(json.GetProperty("n").GetInt32() >= 60);
    }

    [Fact]
    public async Task Predictions_file_is_scored_and_each_question_written_out()
    {
        var predictions = _dir.Write("pred.jsonl", """
            {"id":"demo-001","sql":"SELECT COUNT(*) FROM customers"}
            {"id":"demo-002","sql":"SELECT COUNT(*) FROM orders"}
            """);
        var outcomes = Path.Combine(_dir.FullName, "outcomes.jsonl");

        var (code, output, _) = await CliRunner.RunAsync("--data-dir", fixture.DataDir, "eval", "demo", "--from", predictions, "--predictions", outcomes, "--json");

        Assert.Equal(0, code);
        Assert.Equal(1, JsonDocument.Parse(output).RootElement.GetProperty("correct").GetInt32());
        var lines = File.ReadAllLines(outcomes).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.True(lines[0].GetProperty("correct").GetBoolean());
        Assert.Equal("different result", lines[1].GetProperty("error").GetString());
        Assert.Equal("no prediction", lines[2].GetProperty("error").GetString());
    }

    [Fact]
    public async Task Malformed_predictions_file_is_a_usage_error_naming_the_line()
    {
        var predictions = _dir.Write("bad.jsonl", "{\"id\":\"demo-001\",\"sql\":\"SELECT 1\"}\n{\"id\":\"demo-002\"}\n");

        var (code, _, error) = await CliRunner.RunAsync("--data-dir", fixture.DataDir, "eval", "demo", "--from", predictions);

        Assert.Equal(2, code);
        Assert.Contains("bad.jsonl:2", error, StringComparison.Ordinal);
    }
}
