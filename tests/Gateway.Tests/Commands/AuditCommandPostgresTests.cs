using System.Text.Json;
using Gateway.Audit;
using Gateway.Audit.Trail;
using Gateway.Cli;
using Gateway.Commands;
using Gateway.Testing;
using Npgsql;

namespace Gateway.Tests.Commands;

/// <summary>
/// <c>gateway audit verify|list|show|export</c> on a PostgreSQL trail named by the configuration file's <c>audit</c>
/// section, its password in an environment variable: the same answers and exit codes as on the embedded file.
/// </summary>
public sealed class AuditCommandPostgresTests : IAsyncLifetime, IDisposable
{
    private readonly string _schema = TestPostgres.NewSchemaName();
    private readonly string _passwordVariable = "GATEWAY_TEST_AUDIT_PW_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
    private readonly TempDirectory _directory = new("gateway-audit-pg-cli-");
    private string? _password;

    private string Table => $"\"{_schema}\".gateway_audit";

    private string ConfigFile => Path.Combine(_directory.FullName, "gateway.json");

    public Task InitializeAsync()
    {
        if (TestPostgres.ConnectionString is { } connectionString)
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            _password = builder.Password;
            builder.Password = null;
            Environment.SetEnvironmentVariable(_passwordVariable, _password);
            WriteConfig(builder.ConnectionString, _schema);
        }

        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        Environment.SetEnvironmentVariable(_passwordVariable, null);
        await TestPostgres.DropSchemaAsync(_schema);
    }

    public void Dispose() => _directory.Dispose();

    private void WriteConfig(string connectionString, string schema, string? passwordEnv = null) =>
        File.WriteAllText(ConfigFile, JsonSerializer.Serialize(new
        {
            audit = new { store = "postgres", connectionString, passwordEnv = passwordEnv ?? _passwordVariable, schema },
        }));

    private Task<(int Code, string Output, string Error)> RunAsync(params string[] args) =>
        CliRunner.RunAsync([.. args, "--data-dir", Path.Combine(_directory.FullName, "data"), "--config", ConfigFile]);

    /// <summary>Writes through the store the server would use: every third record a rejection.</summary>
    private async Task SeedAsync(int count)
    {
        var environment = new GatewayEnvironment(Path.Combine(_directory.FullName, "data"), ConfigFile);
        var audit = (await environment.LoadDefaultsAsync()).Audit();
        await using var stores = GovernanceStores.Open(environment, audit);
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

    [SkippableFact]
    public async Task Verify_exits_0_on_an_intact_trail_and_names_it_without_the_password()
    {
        TestPostgres.SkipUnlessAvailable();
        await SeedAsync(5);

        var (code, output, _) = await RunAsync("audit", "verify");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("intact: 5 records", output, StringComparison.Ordinal);
        Assert.Contains($"schema {_schema}", output, StringComparison.Ordinal);
        Assert.DoesNotContain(_password!, output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Verify_exits_3_naming_the_record_changed_through_another_connection()
    {
        TestPostgres.SkipUnlessAvailable();
        await SeedAsync(5);
        await TestPostgres.ExecuteAsync(
            $"ALTER TABLE {Table} DISABLE TRIGGER gateway_audit_append_only; UPDATE {Table} SET executed_sql = 'SELECT * FROM salaries' WHERE id = 3");

        var (code, output, _) = await RunAsync("audit", "verify");

        Assert.Equal(ExitCodes.Rejected, code);
        Assert.Contains("BROKEN at record 3", output, StringComparison.Ordinal);
        Assert.Contains("SELECT * FROM salaries", output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Verify_with_no_trail_yet_is_intact_and_creates_nothing()
    {
        TestPostgres.SkipUnlessAvailable();

        var (code, output, _) = await RunAsync("audit", "verify");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("no audit trail yet", output, StringComparison.Ordinal);
        Assert.Null(await TestPostgres.ScalarAsync($"SELECT 1 FROM pg_namespace WHERE nspname = '{_schema}'"));
    }

    [SkippableFact]
    public async Task List_show_and_export_read_the_shared_trail()
    {
        TestPostgres.SkipUnlessAvailable();
        await SeedAsync(6);

        var (listCode, list, _) = await RunAsync("audit", "list", "--verdict", "rejected", "--principal", "alice", "--json");
        var (showCode, show, _) = await RunAsync("audit", "show", "2");
        var (exportCode, export, _) = await RunAsync("audit", "export", "--format", "csv", "--principal", "bob");

        Assert.Equal(ExitCodes.Success, listCode);
        Assert.Equal(ExitCodes.Success, showCode);
        Assert.Equal(ExitCodes.Success, exportCode);
        using var page = JsonDocument.Parse(list);
        Assert.Equal(3, Assert.Single(page.RootElement.GetProperty("records").EnumerateArray()).GetProperty("id").GetInt64());
        using var record = JsonDocument.Parse(show);
        Assert.Equal("bob", record.RootElement.GetProperty("principal").GetString());
        Assert.Equal(4, export.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length); // header + records 2, 4, 6
    }

    [Fact]
    public async Task Unreachable_database_exits_4_without_revealing_the_password()
    {
        Environment.SetEnvironmentVariable(_passwordVariable, "s3cret-pw");
        WriteConfig("Host=127.0.0.1;Port=1;Database=gone;Username=u;Timeout=3", "public");

        var (code, _, error) = await RunAsync("audit", "verify");

        Assert.Equal(ExitCodes.Runtime, code);
        Assert.Contains("cannot read the audit trail at postgres://u@127.0.0.1:1/gone", error, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pw", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unset_password_variable_exits_2_naming_it()
    {
        WriteConfig("Host=127.0.0.1;Database=x;Username=u", "public", passwordEnv: "GATEWAY_TEST_SURELY_UNSET_PW");

        var (code, _, error) = await RunAsync("audit", "list");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("GATEWAY_TEST_SURELY_UNSET_PW, which is not set", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_store_in_the_section_exits_2()
    {
        File.WriteAllText(ConfigFile, """{"audit": {"store": "mongo"}}""");

        var (code, _, _) = await RunAsync("audit", "verify");

        Assert.Equal(ExitCodes.Usage, code);
    }
}
