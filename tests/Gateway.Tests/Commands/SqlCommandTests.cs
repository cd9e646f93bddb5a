using System.Text.Json;
using Gateway.Cli;

namespace Gateway.Tests.Commands;

public sealed class SqlCommandTests : IClassFixture<DemoDataDirFixture>
{
    private readonly string _dataDir;

    public SqlCommandTests(DemoDataDirFixture fixture)
    {
        _dataDir = fixture.DataDir;
    }

    [Fact]
    public async Task Query_on_the_demo_database_prints_a_table()
    {
        var (code, output, _) = await RunAsync("SELECT status, COUNT(*) AS n FROM orders GROUP BY status ORDER BY n DESC");

        Assert.Equal(ExitCodes.Success, code);
        Assert.StartsWith("status", output, StringComparison.Ordinal);
        Assert.Contains("delivered", output, StringComparison.Ordinal);
        Assert.Contains("(5 rows", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_output_has_every_field()
    {
        var (code, output, _) = await RunAsync("--json", "SELECT segment, COUNT(*) AS customers FROM customers GROUP BY segment");

        Assert.Equal(ExitCodes.Success, code);
        using var document = JsonDocument.Parse(output);
        var root = document.RootElement;
        Assert.Contains("FROM customers", root.GetProperty("sql").GetString(), StringComparison.Ordinal);
        Assert.Equal(["segment", "customers"], root.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Equal("integer", root.GetProperty("columns")[1].GetProperty("type").GetString());
        Assert.Equal(3, root.GetProperty("rows").GetArrayLength());
        Assert.Equal(3, root.GetProperty("row_count").GetInt32());
        Assert.False(root.GetProperty("truncated").GetBoolean());
        Assert.Equal("pie", root.GetProperty("chart").GetProperty("type").GetString());
        Assert.True(root.GetProperty("elapsed_ms").GetDouble() >= 0);
    }

    [Fact]
    public async Task Result_over_the_policy_row_cap_is_flagged_truncated()
    {
        var (code, output, _) = await RunAsync("--json", "SELECT order_id FROM orders");

        Assert.Equal(ExitCodes.Success, code);
        using var document = JsonDocument.Parse(output);
        Assert.Equal(1000, document.RootElement.GetProperty("row_count").GetInt32());
        Assert.True(document.RootElement.GetProperty("truncated").GetBoolean());
    }

    [Fact]
    public async Task Result_with_its_own_limit_at_the_cap_is_not_truncated()
    {
        var (_, output, _) = await RunAsync("--json", "SELECT order_id FROM orders LIMIT 1000");

        using var document = JsonDocument.Parse(output);
        Assert.Equal(1000, document.RootElement.GetProperty("row_count").GetInt32());
        Assert.False(document.RootElement.GetProperty("truncated").GetBoolean());
    }

    [Fact]
    public async Task Rejected_statement_exits_3_without_touching_the_source()
    {
        var empty = Directory.CreateTempSubdirectory("gateway-cli-empty-").FullName;
        try
        {
            var (code, output, _) = await CliRunner.RunAsync("sql", "--data-dir", empty, "DELETE FROM orders");

            Assert.Equal(ExitCodes.Rejected, code);
            Assert.Contains("statement.data_change", output, StringComparison.Ordinal);
            Assert.Empty(Directory.GetFiles(empty));
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [Fact]
    public async Task Rejected_statement_with_json_prints_the_verdict()
    {
        var (code, output, _) = await RunAsync("--json", "DROP TABLE orders");

        Assert.Equal(ExitCodes.Rejected, code);
        using var document = JsonDocument.Parse(output);
        Assert.False(document.RootElement.GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public async Task Failing_query_exits_4_with_its_error_code()
    {
        var (code, _, error) = await RunAsync("SELECT * FROM no_such_table");

        Assert.Equal(ExitCodes.Runtime, code);
        Assert.Contains("[query_failed]", error, StringComparison.Ordinal);
        Assert.Contains("no_such_table", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_source_exits_4_and_never_prints_the_password()
    {
        var (code, output, error) = await RunAsync("--source", "gone=postgres:Host=127.0.0.1;Port=1;Username=u;Password=s3cret-pw;Timeout=3", "SELECT 1");

        Assert.Equal(ExitCodes.Runtime, code);
        Assert.Contains("[unavailable]", error, StringComparison.Ordinal);
        Assert.Contains("'gone'", error, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pw", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_source_is_a_usage_error()
    {
        var (code, _, error) = await RunAsync("--source", "nothing-here", "SELECT 1");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("NAME=PROVIDER:CONNECTION_STRING", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Several_sources_without_use_is_a_usage_error()
    {
        var (code, _, error) = await RunAsync("--source", "a=sqlite:/tmp/a.db", "--source", "b=sqlite:/tmp/b.db", "SELECT 1");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--use", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Use_demo_picks_the_demo_database_among_other_sources()
    {
        var (code, output, _) = await RunAsync("--source", "a=sqlite:/nonexistent/a.db", "--use", "demo", "SELECT COUNT(*) AS n FROM regions");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("8", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Non_positive_timeout_is_a_usage_error()
    {
        var (code, _, _) = await RunAsync("--timeout", "0", "SELECT 1");

        Assert.Equal(ExitCodes.Usage, code);
    }

    [SkippableFact]
    public async Task Postgres_source_runs_as_its_read_only_login()
    {
        var connection = Environment.GetEnvironmentVariable("GATEWAY_TEST_POSTGRES_RO");
        Skip.If(string.IsNullOrWhiteSpace(connection), "GATEWAY_TEST_POSTGRES_RO is not set; run `source .ci/services.sh`.");

        var (code, output, error) = await RunAsync("--source", $"pg=postgres:{connection}", "--json", "SELECT current_user AS who");

        Assert.True(code == ExitCodes.Success, error);
        using var document = JsonDocument.Parse(output);
        Assert.Equal("gateway_ro", document.RootElement.GetProperty("rows")[0][0].GetString());
        Assert.Equal("pg", document.RootElement.GetProperty("source").GetString());
    }

    [SkippableFact]
    public async Task MariaDb_source_runs_as_its_read_only_login()
    {
        var connection = Environment.GetEnvironmentVariable("GATEWAY_TEST_MYSQL_RO");
        Skip.If(string.IsNullOrWhiteSpace(connection), "GATEWAY_TEST_MYSQL_RO is not set; run `source .ci/services.sh`.");

        var (code, output, error) = await RunAsync("--source", $"maria=mysql:{connection}", "--json", "SELECT 40 + 2 AS answer");

        Assert.True(code == ExitCodes.Success, error);
        using var document = JsonDocument.Parse(output);
        Assert.Equal(42, document.RootElement.GetProperty("rows")[0][0].GetInt32());
    }

    private Task<(int Code, string Output, string Error)> RunAsync(params string[] args) =>
        CliRunner.RunAsync(["sql", "--data-dir", _dataDir, .. args]);
}

public sealed class SqlCommandDataDirTests
{
    [Fact]
    public async Task Data_dir_that_cannot_hold_the_demo_database_exits_4()
    {
        var file = Path.GetTempFileName();
        try
        {
            var (code, _, error) = await CliRunner.RunAsync("sql", "--data-dir", file, "SELECT 1");

            Assert.Equal(ExitCodes.Runtime, code);
            Assert.Contains("[unavailable]", error, StringComparison.Ordinal);
            Assert.Contains("demo database could not be created", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
