namespace Gateway.Evaluation.Tests.Spider.Matching;

[Collection(SpiderDataGroup.Name)]
public sealed class ExactMatchScorerTests(SpiderDataFixture data)
{
    private const string Db = "concert_singer";

    [Theory]
    [InlineData( // different aliases
        "SELECT T2.name FROM singer_in_concert AS T1 JOIN singer AS T2 ON T1.singer_id = T2.singer_id",
        "SELECT s.name FROM singer_in_concert AS c JOIN singer AS s ON c.singer_id = s.singer_id")]
    [InlineData( // values are ignored
        "SELECT name FROM singer WHERE age > 20 AND country = 'France'",
        "SELECT name FROM singer WHERE age > 99 AND country = 'Peru'")]
    [InlineData( // AND conditions in another order
        "SELECT name FROM singer WHERE age > 20 AND country = 'France'",
        "SELECT name FROM singer WHERE country = 'France' AND age > 20")]
    [InlineData( // select columns in another order
        "SELECT name, country FROM singer",
        "SELECT country, name FROM singer")]
    [InlineData( // keyword and identifier case, DISTINCT, trailing semicolon
        "SELECT DISTINCT country FROM singer WHERE age > 20",
        "select country from SINGER where AGE > 20;")]
    [InlineData( // join condition written the other way round
        "SELECT T2.name FROM singer_in_concert AS T1 JOIN singer AS T2 ON T1.singer_id = T2.singer_id",
        "SELECT T2.name FROM singer_in_concert AS T1 JOIN singer AS T2 ON T2.singer_id = T1.singer_id")]
    [InlineData( // grouped by the other end of the foreign key
        "SELECT T2.name, count(*) FROM singer_in_concert AS T1 JOIN singer AS T2 ON T1.singer_id = T2.singer_id GROUP BY T2.singer_id",
        "SELECT T2.name, count(*) FROM singer_in_concert AS T1 JOIN singer AS T2 ON T1.singer_id = T2.singer_id GROUP BY T1.singer_id")]
    [InlineData( // filtered on the other end of the foreign key
        "SELECT T2.name FROM singer_in_concert AS T1 JOIN singer AS T2 ON T1.singer_id = T2.singer_id WHERE T2.singer_id > 1",
        "SELECT T2.name FROM singer_in_concert AS T1 JOIN singer AS T2 ON T1.singer_id = T2.singer_id WHERE T1.singer_id > 1")]
    [InlineData( // tables joined in another order
        "SELECT T2.name FROM singer_in_concert AS T1 JOIN singer AS T2 ON T1.singer_id = T2.singer_id",
        "SELECT T2.name FROM singer AS T2 JOIN singer_in_concert AS T1 ON T1.singer_id = T2.singer_id")]
    [InlineData( // a different LIMIT value
        "SELECT name FROM singer ORDER BY age DESC LIMIT 1",
        "SELECT name FROM singer ORDER BY age DESC LIMIT 5")]
    public async Task Counts_rewrites_that_spider_counts_equal_as_exact(string gold, string predicted)
    {
        var scorer = await data.ScorerAsync(Db);

        var outcome = scorer.Score(gold, predicted);

        Assert.True(outcome.Exact, outcome.Error);
        Assert.True(outcome.PredictionParsed);
    }

    [Theory]
    [InlineData( // a different column
        "SELECT name FROM singer WHERE age > 20",
        "SELECT country FROM singer WHERE age > 20")]
    [InlineData( // ORDER BY missing
        "SELECT name FROM singer ORDER BY age",
        "SELECT name FROM singer")]
    [InlineData( // another direction
        "SELECT name FROM singer ORDER BY age DESC",
        "SELECT name FROM singer ORDER BY age ASC")]
    [InlineData( // another aggregate
        "SELECT max(age) FROM singer",
        "SELECT min(age) FROM singer")]
    [InlineData( // another operator
        "SELECT name FROM singer WHERE age > 20",
        "SELECT name FROM singer WHERE age < 20")]
    [InlineData( // OR instead of AND
        "SELECT name FROM singer WHERE age > 20 AND country = 'France'",
        "SELECT name FROM singer WHERE age > 20 OR country = 'France'")]
    [InlineData( // LIMIT missing
        "SELECT name FROM singer ORDER BY age DESC LIMIT 1",
        "SELECT name FROM singer ORDER BY age DESC")]
    [InlineData( // an extra table
        "SELECT name FROM singer",
        "SELECT T1.name FROM singer AS T1 JOIN singer_in_concert AS T2 ON T1.singer_id = T2.singer_id")]
    [InlineData( // a different set operation
        "SELECT name FROM singer INTERSECT SELECT name FROM singer WHERE age > 20",
        "SELECT name FROM singer EXCEPT SELECT name FROM singer WHERE age > 20")]
    [InlineData( // a different nested query
        "SELECT name FROM singer WHERE age > (SELECT avg(age) FROM singer)",
        "SELECT name FROM singer WHERE age > (SELECT max(age) FROM singer)")]
    public async Task Counts_real_differences_as_not_exact(string gold, string predicted)
    {
        var scorer = await data.ScorerAsync(Db);

        Assert.False(scorer.Score(gold, predicted).Exact);
    }

    [Theory]
    [InlineData("")]
    [InlineData("I don't know")]
    [InlineData("SELECT name FROM singer WHERE age >")]
    [InlineData("SELECT name FROM no_such_table")]
    [InlineData("SELECT name FROM singer s WHERE s.age > 1")]
    public async Task A_prediction_that_does_not_parse_scores_zero_without_throwing(string predicted)
    {
        var scorer = await data.ScorerAsync(Db);

        var outcome = scorer.Score("SELECT name FROM singer", predicted);

        Assert.False(outcome.Exact);
        Assert.False(outcome.PredictionParsed);
        Assert.Equal(Gateway.Evaluation.Spider.Matching.SpiderHardness.Easy, outcome.Hardness);
    }

    [Fact]
    public async Task A_top_level_order_by_makes_the_gold_ordered()
    {
        var scorer = await data.ScorerAsync(Db);

        Assert.True(scorer.Score("SELECT name FROM singer ORDER BY age", "").GoldHasTopLevelOrderBy);
        Assert.False(scorer.Score("SELECT name FROM singer WHERE age = (SELECT age FROM singer ORDER BY age LIMIT 1)", "").GoldHasTopLevelOrderBy);
    }
}
