using Gateway.Evaluation.Demo;
using Gateway.Evaluation.Spider.Matching;
using Gateway.Execution.Demo;
using Gateway.Sql.Dialects;
using Gateway.Sql.Policy;
using Gateway.Sql.Validation;
using Microsoft.Data.Sqlite;

namespace Gateway.Evaluation.Tests.Demo;

/// <summary>A demo database generated fresh for these tests (the generator is deterministic).</summary>
public sealed class FreshDemoDatabase : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("gateway-demo-suite-").FullName;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var source = await DemoDatabase.EnsureAsync(_directory);
        ConnectionString = new SqliteConnectionStringBuilder(source.ConnectionString) { Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}

public sealed class DemoSuiteTests(FreshDemoDatabase demo) : IClassFixture<FreshDemoDatabase>
{
    [Fact]
    public async Task Suite_holds_at_least_60_questions_at_every_hardness()
    {
        var suite = await DemoSuite.LoadAsync();

        Assert.True(suite.Count >= 60, $"{suite.Count} questions");
        Assert.Equal(Enum.GetValues<SpiderHardness>(), suite.Select(q => q.Hardness).Distinct().Order());
        Assert.Equal(suite.Count, suite.Select(q => q.Question).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public async Task Every_gold_query_passes_the_validator()
    {
        var suite = await DemoSuite.LoadAsync();
        var validator = new SqlValidator();
        var policy = SqlPolicyLoader.LoadDefault();

        var rejected = suite
            .Select(q => (q.Id, Verdict: validator.Validate(q.Sql, SqlDialectKind.Sqlite, policy)))
            .Where(r => !r.Verdict.Allowed)
            .Select(r => $"{r.Id}: {r.Verdict.Rule} {r.Verdict.Message}")
            .ToList();

        Assert.Empty(rejected);
    }

    [Fact]
    public async Task Every_gold_query_returns_rows_on_a_fresh_demo_database()
    {
        var suite = await DemoSuite.LoadAsync();
        var validator = new SqlValidator();
        var policy = SqlPolicyLoader.LoadDefault();
        await using var connection = new SqliteConnection(demo.ConnectionString);
        await connection.OpenAsync();

        var empty = new List<string>();
        foreach (var question in suite)
        {
            // The SQL the gateway would run: the validator's text, with the policy's row cap written in.
            var verdict = validator.Validate(question.Sql, SqlDialectKind.Sqlite, policy);
            await using var command = connection.CreateCommand();
            command.CommandText = verdict.Sql ?? question.Sql;
            await using var reader = await command.ExecuteReaderAsync();
            if (!await reader.ReadAsync())
            {
                empty.Add(question.Id);
            }
        }

        Assert.Empty(empty);
    }

    [Fact]
    public async Task Malformed_line_is_reported_with_its_number()
    {
        using var reader = new StringReader("""
            {"id":"a","question":"q?","sql":"SELECT 1","hardness":"easy"}
            {"id":"b","question":"q2?","sql":"SELECT 1","hardness":"trivial"}
            """);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => DemoSuite.ReadAsync(reader, "suite.jsonl"));

        Assert.StartsWith("suite.jsonl:2:", error.Message, StringComparison.Ordinal);
        Assert.Contains("trivial", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_member_and_duplicate_id_are_errors()
    {
        using var unknown = new StringReader("""{"id":"a","question":"q?","sql":"SELECT 1","hardness":"easy","answer":"x"}""");
        using var duplicate = new StringReader("""
            {"id":"a","question":"q?","sql":"SELECT 1","hardness":"easy"}
            {"id":"a","question":"q2?","sql":"SELECT 2","hardness":"hard"}
            """);

        await Assert.ThrowsAsync<InvalidDataException>(() => DemoSuite.ReadAsync(unknown, "s"));
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => DemoSuite.ReadAsync(duplicate, "s"));
        Assert.Contains("used twice", error.Message, StringComparison.Ordinal);
    }
}
