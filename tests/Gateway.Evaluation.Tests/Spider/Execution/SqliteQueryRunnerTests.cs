using Gateway.Evaluation.Spider.Execution;

namespace Gateway.Evaluation.Tests.Spider.Execution;

[Collection(SpiderDataGroup.Name)]
public sealed class SqliteQueryRunnerTests(SpiderDataFixture data)
{
    private string Database => data.Dev.DatabasePath("concert_singer");

    [Fact]
    public async Task Returns_rows_of_a_query()
    {
        var run = await new SqliteQueryRunner(TimeSpan.FromSeconds(30)).RunAsync(Database, "SELECT count(*) FROM singer");

        Assert.True(run.Succeeded);
        Assert.Equal(CellValue.From(6L), Assert.Single(Assert.Single(run.Rows!)));
    }

    [Fact]
    public async Task Accepts_double_quoted_string_literals_as_spider_gold_uses_them()
    {
        var run = await new SqliteQueryRunner(TimeSpan.FromSeconds(30)).RunAsync(Database, "SELECT count(*) FROM singer WHERE country = \"France\"");

        Assert.True(run.Succeeded, run.Error);
        Assert.NotEqual(CellValue.From(0L), run.Rows![0][0]);
    }

    [Fact]
    public async Task Reports_an_invalid_query_as_a_failed_run()
    {
        var run = await new SqliteQueryRunner(TimeSpan.FromSeconds(30)).RunAsync(Database, "SELECT missing_column FROM singer");

        Assert.False(run.Succeeded);
        Assert.False(run.TimedOut);
        Assert.Contains("no such", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cannot_write_to_the_database()
    {
        var run = await new SqliteQueryRunner(TimeSpan.FromSeconds(30)).RunAsync(Database, "DELETE FROM singer");

        Assert.False(run.Succeeded);
    }

    [Fact]
    public async Task Interrupts_a_query_that_runs_past_its_timeout()
    {
        const string endless = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n";

        var run = await new SqliteQueryRunner(TimeSpan.FromMilliseconds(200)).RunAsync(Database, endless);

        Assert.False(run.Succeeded);
        Assert.True(run.TimedOut);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_reported_as_a_timeout()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => new SqliteQueryRunner(TimeSpan.FromSeconds(30)).RunAsync(Database, "SELECT 1", cancelled.Token));
    }
}
