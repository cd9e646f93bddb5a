using Gateway.Model.TextToSql;

namespace Gateway.Model.Tests.TextToSql;

public sealed class PointerSqlPredictorTests
{
    private static readonly TimeSpan Runner = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_candidate_that_fails_to_run_gives_way_to_the_next()
    {
        using var database = new ConcertDatabase();

        var chosen = await PointerSqlPredictor.ChooseAsync(
            [Candidate("SELECT nickname FROM singer"), Candidate("SELECT name FROM singer")], database.Path, Runner, CancellationToken.None);

        Assert.Equal("SELECT name FROM singer", chosen);
    }

    [Fact]
    public async Task A_candidate_that_returns_rows_beats_a_better_scored_one_that_returns_none()
    {
        using var database = new ConcertDatabase();

        var chosen = await PointerSqlPredictor.ChooseAsync(
            [Candidate("SELECT name FROM singer WHERE age > 90"), Candidate("SELECT name FROM singer WHERE age > 40")], database.Path, Runner, CancellationToken.None);

        Assert.Equal("SELECT name FROM singer WHERE age > 40", chosen);
    }

    [Fact]
    public async Task When_no_candidate_returns_rows_the_first_that_runs_wins()
    {
        using var database = new ConcertDatabase();

        var chosen = await PointerSqlPredictor.ChooseAsync(
            [Candidate("SELECT x FROM nowhere"), Candidate("SELECT name FROM singer WHERE age > 90"), Candidate("SELECT name FROM singer WHERE age > 95")],
            database.Path, Runner, CancellationToken.None);

        Assert.Equal("SELECT name FROM singer WHERE age > 90", chosen);
    }

    [Fact]
    public async Task Without_a_database_the_best_scored_candidate_wins()
    {
        var chosen = await PointerSqlPredictor.ChooseAsync([Candidate("SELECT a FROM t"), Candidate("SELECT b FROM t")], null, Runner, CancellationToken.None);

        Assert.Equal("SELECT a FROM t", chosen);
    }

    private static SqlCandidate Candidate(string sql) => new(sql, 0, []);
}
