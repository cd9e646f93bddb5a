using System.Text.Json;
using Gateway.Cli;
using Gateway.Testing;

namespace Gateway.Tests.Commands;

/// <summary><c>gateway eval ask</c> and <c>gateway bench ask</c> with a tiny untrained pointer model the test writes.</summary>
public sealed class DemoSuiteCommandTests : IDisposable
{
    private readonly TinyPointerModel _model = TinyPointerModel.Create(version: "tiny-cli");
    private readonly TempDirectory _data = new("gateway-demo-suite-cli-");

    public void Dispose()
    {
        _model.Dispose();
        _data.Dispose();
    }

    [Fact]
    public async Task Eval_ask_scores_the_models_answers_by_hardness()
    {
        var (code, output, error) = await CliRunner.RunAsync("eval", "ask", "--model", _model.Directory, "--limit", "3", "--json", "--data-dir", _data.FullName);

        Assert.True(code == ExitCodes.Success, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("default:tiny-cli", json.RootElement.GetProperty("model_id").GetString());
        Assert.Equal(3, json.RootElement.GetProperty("questions").GetInt32());
        Assert.InRange(json.RootElement.GetProperty("execution_accuracy").GetDouble(), 0, 1);
        Assert.Equal(3, json.RootElement.GetProperty("outcomes").GetArrayLength());
        Assert.Equal(3, json.RootElement.GetProperty("by_hardness").EnumerateObject().Sum(h => h.Value.GetProperty("questions").GetInt32()));
    }

    [Fact]
    public async Task Bench_ask_reports_percentiles_for_each_stage_and_end_to_end()
    {
        var config = _data.Write("gateway.yaml", $"ask:\n  defaultModel: {_model.Directory}\n");

        var (code, output, error) = await CliRunner.RunAsync("bench", "ask", "--config", config, "--limit", "2", "--warmup", "0", "--json", "--data-dir", _data.FullName);

        Assert.True(code == ExitCodes.Success, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(2, json.RootElement.GetProperty("questions").GetInt32());
        var stages = json.RootElement.GetProperty("stages_ms");
        Assert.True(stages.TryGetProperty("generate", out var generate), stages.ToString());
        Assert.True(generate.GetProperty("p95").GetDouble() >= generate.GetProperty("p50").GetDouble());
        Assert.True(stages.TryGetProperty("total", out _), stages.ToString());
    }

    [Fact]
    public async Task Ask_with_no_generator_configured_answers_with_the_default_model_the_configuration_points_at()
    {
        var config = _data.Write("gateway.yaml", $"ask:\n  defaultModel: {_model.Directory}\n");

        var (_, output, error) = await CliRunner.RunAsync("ask", "how many customers are there?", "--json", "--config", config, "--data-dir", _data.FullName);

        using var json = JsonDocument.Parse(output);
        Assert.Equal("data", json.RootElement.GetProperty("route").GetString());
        Assert.Equal("default:tiny-cli", json.RootElement.GetProperty("model_id").GetString());
        Assert.True(json.RootElement.GetProperty("audit_id").GetInt64() > 0, error);
    }

    [Fact]
    public async Task Eval_ask_without_any_generator_is_a_usage_error_that_says_how_to_give_one()
    {
        var config = _data.Write("gateway.yaml", "ask:\n  defaultModel: none\n");

        var (code, _, error) = await CliRunner.RunAsync("eval", "ask", "--config", config, "--data-dir", _data.FullName);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--model", error, StringComparison.Ordinal);
    }
}
