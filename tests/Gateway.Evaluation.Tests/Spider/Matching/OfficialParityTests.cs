using Gateway.Evaluation.Spider.Data;
using Gateway.Evaluation.Spider.Matching;
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

    private static async Task<int> CountExactOfShiftedGoldAsync(SpiderDataset dataset)
    {
        var exact = 0;
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
                exact += scorer.Score(questions[i].GoldSql, predicted).Exact ? 1 : 0;
            }
        }

        return exact;
    }
}
