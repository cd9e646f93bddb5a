using Gateway.Evaluation.Spider.Data;
using Gateway.Evaluation.Spider.Matching;
using Gateway.Evaluation.Spider.Running;
using Gateway.Evaluation.Spider.Sql;

namespace Gateway.Evaluation.Tests.Spider.Matching;

/// <summary>
/// Figures from running Spider's own <c>evaluation.py</c> (NLTK 3.8 tokenizer) on the same pairs: each question is
/// "predicted" by the gold of the next question on the same database, which gives a realistic mix of hits and misses.
/// </summary>
[Collection(SpiderDataGroup.Name)]
public sealed class OfficialParityTests(SpiderDataFixture data)
{
    [Fact]
    public async Task Dev_shifted_gold_gets_the_official_490_exact_matches_of_1034()
    {
        Assert.Equal(490, await CountExactOfShiftedGoldAsync(data.Dev));
    }

    [Fact]
    public async Task Train_shifted_gold_gets_the_official_3050_exact_matches_of_7000()
    {
        var train = await SpiderDataset.LoadAsync(SpiderDataFixture.SpiderDirectory(), SpiderSplit.Train);

        Assert.Equal(3050, await CountExactOfShiftedGoldAsync(train));
    }

    [Theory]
    [InlineData("select", 573, 1034, 573, 1034)]
    [InlineData("select(no AGG)", 576, 1034, 576, 1034)]
    [InlineData("where", 240, 478, 240, 478)]
    [InlineData("where(no OP)", 253, 478, 253, 478)]
    [InlineData("group(no Having)", 177, 271, 177, 271)]
    [InlineData("group", 156, 271, 156, 271)]
    [InlineData("order", 119, 231, 119, 231)]
    [InlineData("and/or", 964, 1001, 964, 1001)]
    [InlineData("IUEN", 34, 76, 34, 76)]
    [InlineData("keywords", 512, 868, 512, 868)]
    public async Task Dev_shifted_gold_gets_the_official_partial_match_tallies(string component, int accuracyHits, int accuracyOf, int recallHits, int recallOf)
    {
        var builder = new PartialScoreBuilder();
        await ScoreShiftedGoldAsync(data.Dev, outcome => builder.Add(outcome.Partials));

        var score = builder.Build().Single(p => p.Component == component);

        Assert.Equal((double)accuracyHits / accuracyOf, score.Accuracy, 1e-12);
        Assert.Equal((double)recallHits / recallOf, score.Recall, 1e-12);
    }

    private static async Task<int> CountExactOfShiftedGoldAsync(SpiderDataset dataset)
    {
        var exact = 0;
        await ScoreShiftedGoldAsync(dataset, outcome => exact += outcome.Exact ? 1 : 0);
        return exact;
    }

    private static async Task ScoreShiftedGoldAsync(SpiderDataset dataset, Action<ExactMatchOutcome> onOutcome)
    {
        foreach (var group in dataset.Questions.GroupBy(q => q.DbId))
        {
            var schema = dataset.Schemas[group.Key];
            var names = dataset.HasDatabase(group.Key)
                ? await SpiderNameSchema.FromDatabaseAsync(dataset.DatabasePath(group.Key))
                : SpiderNameSchema.FromSchema(schema);
            var scorer = new ExactMatchScorer(names, schema);
            var questions = group.ToList();
            for (var i = 0; i < questions.Count; i++)
            {
                var predicted = questions[(i + 1) % questions.Count].GoldSql;
                onOutcome(scorer.Score(questions[i].GoldSql, predicted));
            }
        }
    }
}
