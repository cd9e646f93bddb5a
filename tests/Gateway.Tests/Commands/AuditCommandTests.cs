using System.Text.Json;
using Gateway.Audit.Trail;
using Gateway.Cli;
using Gateway.Commands;
using Microsoft.Data.Sqlite;

namespace Gateway.Tests.Commands;

public sealed class AuditCommandTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("gateway-audit-cli-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDir, recursive: true);
    }

    private Task<(int Code, string Output, string Error)> RunAsync(params string[] args) =>
        CliRunner.RunAsync([.. args, "--data-dir", _dataDir]);

    /// <summary>Writes records through the same store the server uses: every third one a rejection.</summary>
    private async Task SeedAsync(int count)
    {
        await using var stores = GovernanceStores.Open(new GatewayEnvironment(_dataDir, null));
        for (var i = 1; i <= count; i++)
        {
            var rejected = i % 3 == 0;
            await stores.Audit.AppendAsync(new AuditEvent
            {
                Principal = i % 2 == 0 ? "bob" : "alice",
                Source = "shop",
                GeneratedSql = $"SELECT {i}, 'a,b'",
                Verdict = rejected ? AuditVerdict.Rejected : AuditVerdict.Allowed,
                Rule = rejected ? "statement.data_change" : null,
                DurationMs = i,
            });
        }
    }

    private async Task TamperAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_dataDir, "audit.db")};Pooling=false");
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Verify_exits_0_on_an_intact_trail()
    {
        await SeedAsync(5);

        var (code, output, _) = await RunAsync("audit", "verify");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("intact: 5 records", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_exits_3_naming_a_record_modified_in_the_file()
    {
        await SeedAsync(5);
        await TamperAsync("DROP TRIGGER audit_no_update; UPDATE audit SET executed_sql = 'SELECT * FROM salaries' WHERE id = 3;");

        var (code, output, _) = await RunAsync("audit", "verify");

        Assert.Equal(ExitCodes.Rejected, code);
        Assert.Contains("BROKEN at record 3", output, StringComparison.Ordinal);
        Assert.Contains("SELECT * FROM salaries", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_detects_a_rewritten_hash_through_the_next_link()
    {
        // Recomputing one record's hash after editing it still breaks the link held by its successor.
        await SeedAsync(4);
        await TamperAsync("DROP TRIGGER audit_no_update; UPDATE audit SET principal = 'mallory', hash = '" + new string('a', 64) + "' WHERE id = 2;");

        var (code, output, _) = await RunAsync("audit", "verify");

        Assert.Equal(ExitCodes.Rejected, code);
        Assert.Contains("BROKEN at record 2", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_with_no_trail_yet_is_intact_and_creates_nothing()
    {
        var (code, _, _) = await RunAsync("audit", "verify");

        Assert.Equal(ExitCodes.Success, code);
        Assert.False(File.Exists(Path.Combine(_dataDir, "audit.db")));
    }

    [Fact]
    public async Task List_json_applies_the_filters()
    {
        await SeedAsync(6);

        var (code, output, _) = await RunAsync("audit", "list", "--verdict", "rejected", "--principal", "alice", "--json");

        Assert.Equal(ExitCodes.Success, code);
        using var page = JsonDocument.Parse(output);
        var record = Assert.Single(page.RootElement.GetProperty("records").EnumerateArray());
        Assert.Equal(3, record.GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task List_pages_with_the_printed_cursor()
    {
        await SeedAsync(3);

        var (_, first, _) = await RunAsync("audit", "list", "--limit", "2");
        var cursor = first.Split('\n').Single(l => l.StartsWith("more:", StringComparison.Ordinal)).Split(' ')[^1].Trim();
        var (_, second, _) = await RunAsync("audit", "list", "--limit", "2", "--cursor", cursor, "--json");

        using var page = JsonDocument.Parse(second);
        Assert.Equal(1, Assert.Single(page.RootElement.GetProperty("records").EnumerateArray()).GetProperty("id").GetInt64());
        Assert.Equal(JsonValueKind.Null, page.RootElement.GetProperty("nextCursor").ValueKind);
    }

    [Fact]
    public async Task Show_prints_one_record_and_fails_for_an_unknown_id()
    {
        await SeedAsync(2);

        var (code, output, _) = await RunAsync("audit", "show", "2");
        var (missingCode, _, _) = await RunAsync("audit", "show", "9");

        Assert.Equal(ExitCodes.Success, code);
        using var record = JsonDocument.Parse(output);
        Assert.Equal("bob", record.RootElement.GetProperty("principal").GetString());
        Assert.Equal(ExitCodes.Usage, missingCode);
    }

    [Theory]
    [InlineData("jsonl", 4)]
    [InlineData("csv", 5)]
    public async Task Export_writes_every_record(string format, int lines)
    {
        await SeedAsync(4);

        var (code, output, _) = await RunAsync("audit", "export", "--format", format);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal(lines, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
