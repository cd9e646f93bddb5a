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

    public string Path { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var source = await DemoDatabase.EnsureAsync(_directory);
        var builder = new SqliteConnectionStringBuilder(source.ConnectionString) { Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        Path = builder.DataSource;
        ConnectionString = builder.ConnectionString;
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
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
    public async Task Gold_as_prediction_scores_every_question_correct()
    {
        var suite = await DemoSuite.LoadAsync();

        var score = await new DemoSuiteScorer(demo.Path).ScoreAsync(suite, suite.ToDictionary(q => q.Id, q => q.Sql));

        Assert.Equal(suite.Count, score.Correct);
        Assert.Equal(1.0, score.ExecutionAccuracy);
        Assert.Equal(suite.Count, score.ByHardness.Values.Sum(h => h.Count));
    }

    [Fact]
    public async Task Same_rows_in_another_order_are_correct_unless_the_gold_orders_them()
    {
        var unordered = new DemoQuestion("u", "Regions?", "SELECT name FROM regions", SpiderHardness.Easy, null);
        var ordered = unordered with { Id = "o", Sql = "SELECT name FROM regions ORDER BY name" };
        var scorer = new DemoSuiteScorer(demo.Path);

        var reversed = "SELECT name FROM regions ORDER BY name DESC";

        Assert.True((await scorer.ScoreAsync(unordered, reversed)).Correct);
        Assert.False((await scorer.ScoreAsync(ordered, reversed)).Correct);
    }

    [Fact]
    public async Task Wrong_failing_and_missing_predictions_are_wrong_with_a_reason()
    {
        var question = new DemoQuestion("q", "Customers?", "SELECT COUNT(*) FROM customers", SpiderHardness.Easy, null);
        var scorer = new DemoSuiteScorer(demo.Path);

        var wrong = await scorer.ScoreAsync(question, "SELECT COUNT(*) FROM orders");
        var failing = await scorer.ScoreAsync(question, "SELECT COUNT(*) FROM clients");
        var missing = await scorer.ScoreAsync(question, null);

        Assert.Equal("different result", wrong.Error);
        Assert.Contains("clients", failing.Error, StringComparison.Ordinal);
        Assert.Equal("no prediction", missing.Error);
        Assert.False(wrong.Correct || failing.Correct || missing.Correct);
    }

    [Theory]
    [InlineData("SELECT a FROM t ORDER BY a", true)]
    [InlineData("SELECT a FROM (SELECT a FROM t ORDER BY a LIMIT 3) s", false)]
    [InlineData("SELECT 'x ORDER BY y' AS a FROM t", false)]
    [InlineData("SELECT a, ROW_NUMBER() OVER (ORDER BY a) FROM t", false)]
    public void Top_level_order_by_is_found_outside_parentheses_and_strings(string sql, bool expected)
    {
        Assert.Equal(expected, DemoSuiteScorer.HasTopLevelOrderBy(sql));
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
