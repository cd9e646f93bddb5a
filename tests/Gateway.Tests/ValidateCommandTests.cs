using System.Text.Json;
using Gateway.Cli;

namespace Gateway.Tests;

/// <summary><c>gateway validate</c> as a user runs it: exit codes, --json shape, --jsonl line by line.</summary>
public sealed class ValidateCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new("gateway-validate-");

    public void Dispose() => _dir.Dispose();

    private string Write(string name, string text) => _dir.Write(name, text);

    [Fact]
    public async Task Json_verdict_has_the_documented_fields()
    {
        var (_, output, _) = await CliRunner.RunAsync("validate", "--dialect", "postgres", "--sql", "DELETE FROM t", "--json");

        using var verdict = JsonDocument.Parse(output);
        var root = verdict.RootElement;
        foreach (var field in new[] { "allowed", "rule", "message", "position", "sql" })
        {
            Assert.True(root.TryGetProperty(field, out _), $"missing field {field}");
        }

        Assert.False(root.GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public async Task Rejected_statement_exits_with_policy_code()
    {
        var (code, _, _) = await CliRunner.RunAsync("validate", "--dialect", "sqlserver", "--sql", "DROP TABLE dbo.customers");

        Assert.Equal(ExitCodes.Rejected, code);
    }

    [Fact]
    public async Task Sql_and_file_need_a_dialect()
    {
        var (code, _, error) = await CliRunner.RunAsync("validate", "--sql", "SELECT 1");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--dialect", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_dialect_is_a_usage_error()
    {
        var (code, _, _) = await CliRunner.RunAsync("validate", "--dialect", "oracle", "--sql", "SELECT 1");

        Assert.Equal(ExitCodes.Usage, code);
    }

    [Fact]
    public async Task Missing_sql_file_is_a_usage_error()
    {
        var (code, _, error) = await CliRunner.RunAsync("validate", "--dialect", "sqlite", "--file", Path.Combine(_dir.FullName, "absent.sql"));

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("not found", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jsonl_prints_one_verdict_per_line_and_malformed_lines_do_not_stop_the_rest()
    {
        var path = Write("batch.jsonl", string.Join('\n',
            """{"dialect": "postgres", "sql": "DELETE FROM t"}""",
            """this is not json""",
            """{"dialect": "oracle", "sql": "SELECT 1"}""",
            """{"sql": 42}""",
            """["an", "array"]""",
            """{"dialect": "sqlserver", "sql": "DROP TABLE t", "note": "extra fields are ignored"}""") + "\n");

        var (code, output, _) = await CliRunner.RunAsync("validate", "--jsonl", path);

        Assert.Equal(ExitCodes.Success, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(6, lines.Length);
        var rules = lines.Select(line => JsonDocument.Parse(line).RootElement.GetProperty("rule").GetString()).ToArray();
        Assert.Equal("input.malformed", rules[1]);
        Assert.Equal("input.malformed", rules[2]);
        Assert.Equal("input.malformed", rules[3]);
        Assert.Equal("input.malformed", rules[4]);
        Assert.NotEqual("input.malformed", rules[0]);
        Assert.NotEqual("input.malformed", rules[5]);
    }

    [Fact]
    public async Task Jsonl_line_without_dialect_uses_the_command_line_dialect()
    {
        var path = Write("batch.jsonl", """{"sql": "DROP TABLE t"}""" + "\n");

        var (_, withDefault, _) = await CliRunner.RunAsync("validate", "--dialect", "sqlite", "--jsonl", path);
        var (_, withoutDefault, _) = await CliRunner.RunAsync("validate", "--jsonl", path);

        Assert.NotEqual("input.malformed", JsonDocument.Parse(withDefault).RootElement.GetProperty("rule").GetString());
        Assert.Equal("input.malformed", JsonDocument.Parse(withoutDefault).RootElement.GetProperty("rule").GetString());
    }
}
