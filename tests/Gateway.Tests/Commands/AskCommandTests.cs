using System.Text.Json;
using Gateway.Testing;

namespace Gateway.Tests.Commands;

/// <summary><c>gateway ask</c> on the demo database, in process, with the configuration file's generators.</summary>
public sealed class AskCommandTests
{
    [Fact]
    public async Task A_greeting_is_answered_from_the_schema_with_exit_0()
    {
        using var data = new TempDirectory("gateway-ask-");

        var (code, output, _) = await CliRunner.RunAsync("--data-dir", data.FullName, "ask", "hello");

        Assert.Equal(0, code);
        Assert.Contains("data analyst", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_data_question_without_a_generator_prints_the_guidance_and_exits_4()
    {
        using var data = new TempDirectory("gateway-ask-");
        var config = data.Write("gateway.yaml", "ask:\n  defaultModel: none\n");

        var (code, output, _) = await CliRunner.RunAsync("--data-dir", data.FullName, "--config", config, "ask", "How many customers are there?");

        Assert.Equal(4, code);
        Assert.Contains("[ask.no_generator]", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configured_openai_generator_answers_with_rows_as_json()
    {
        await using var model = await ScriptedChatEndpoint.StartAsync("SELECT COUNT(*) AS customers FROM customers");
        using var data = new TempDirectory("gateway-ask-");
        var config = data.Write("gateway.yaml", $"ask:\n  generators:\n    scripted:\n      kind: openai\n      baseUrl: {model.BaseUrl}\n      model: scripted-sql\n");

        var (code, output, error) = await CliRunner.RunAsync("--data-dir", data.FullName, "--config", config, "ask", "--json", "How many customers are there?");

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("allowed", json.RootElement.GetProperty("verdict").GetString());
        Assert.Equal(1, json.RootElement.GetProperty("row_count").GetInt32());
        Assert.Equal("openai:scripted-sql", json.RootElement.GetProperty("model_id").GetString());
    }

    [Fact]
    public async Task An_unknown_generator_kind_is_a_usage_error_naming_the_key()
    {
        using var data = new TempDirectory("gateway-ask-");
        var config = data.Write("gateway.yaml", "ask:\n  generators:\n    g:\n      kind: magic\n");

        var (code, _, error) = await CliRunner.RunAsync("--data-dir", data.FullName, "--config", config, "ask", "hello");

        Assert.Equal(2, code);
        Assert.Contains("ask.generators.g.kind", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_key_in_a_generator_is_a_usage_error()
    {
        using var data = new TempDirectory("gateway-ask-");
        var config = data.Write("gateway.yaml", "ask:\n  generators:\n    g:\n      kind: openai\n      baseUrl: http://127.0.0.1:9/v1\n      model: m\n      apiKey: sk-secret\n");

        var (code, _, error) = await CliRunner.RunAsync("--data-dir", data.FullName, "--config", config, "ask", "hello");

        Assert.Equal(2, code);
        Assert.Contains("apiKey", error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_openai_generator_without_a_model_is_a_usage_error()
    {
        using var data = new TempDirectory("gateway-ask-");
        var config = data.Write("gateway.yaml", "ask:\n  generators:\n    g:\n      kind: openai\n      baseUrl: http://127.0.0.1:9/v1\n");

        var (code, _, error) = await CliRunner.RunAsync("--data-dir", data.FullName, "--config", config, "ask", "hello");

        Assert.Equal(2, code);
        Assert.Contains("ask.generators.g.model is required", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_local_generator_with_beams_and_a_temperature_is_a_usage_error()
    {
        using var data = new TempDirectory("gateway-ask-");
        var config = data.Write("gateway.yaml", "ask:\n  generators:\n    g:\n      kind: local\n      modelDir: model\n      beams: 4\n      temperature: 0.7\n");

        var (code, _, error) = await CliRunner.RunAsync("--data-dir", data.FullName, "--config", config, "ask", "hello");

        Assert.Equal(2, code);
        Assert.Contains("ask.generators.g: beam search decodes greedily", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_ask_reports_p50_and_p95_per_stage_as_json()
    {
        using var data = new TempDirectory("gateway-ask-");
        var config = data.Write("gateway.yaml", "ask:\n  defaultModel: none\n");

        var (code, output, error) = await CliRunner.RunAsync("--data-dir", data.FullName, "--config", config, "bench", "ask", "--limit", "3", "--warmup", "0", "--json");

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(3, json.RootElement.GetProperty("questions").GetInt32());
        Assert.True(json.RootElement.GetProperty("stages_ms").GetProperty("total").GetProperty("p95").GetDouble() > 0);
    }
}
