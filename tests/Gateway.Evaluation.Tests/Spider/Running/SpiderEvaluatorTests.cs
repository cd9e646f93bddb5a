using Gateway.Evaluation.Spider.Data;
using Gateway.Evaluation.Spider.Matching;
using Gateway.Evaluation.Spider.Running;

namespace Gateway.Evaluation.Tests.Spider.Running;

[Collection(SpiderDataGroup.Name)]
public sealed class SpiderEvaluatorTests(SpiderDataFixture data)
{
    private sealed class FixedPredictor(string sql) : ISqlPredictor
    {
        public Task<string> PredictAsync(SpiderQuestion question, SpiderSchema schema, CancellationToken cancellationToken) => Task.FromResult(sql);
    }

    private async Task<SpiderReport> RunAsync(ISqlPredictor predictor, IEnumerable<SpiderQuestion> questions)
    {
        var evaluator = new SpiderEvaluator(data.Dev, predictor, TimeSpan.FromSeconds(30));
        var builder = new SpiderReportBuilder();
        await foreach (var outcome in evaluator.EvaluateAsync(questions))
        {
            builder.Add(outcome);
        }

        return builder.Build();
    }

    [Fact]
    public async Task Gold_as_prediction_scores_100_percent_on_the_first_100_dev_questions()
    {
        var report = await RunAsync(new GoldPredictor(), data.Dev.Questions.Take(100));

        Assert.Equal(100, report.All.Count);
        Assert.Equal(100, report.All.Executable);
        Assert.Equal(1.0, report.All.ExecutionAccuracy);
        Assert.Equal(1.0, report.All.ExactMatch);
    }

    [Fact]
    public async Task Gold_as_prediction_on_all_dev_matches_spiders_hardness_counts_and_972_executable()
    {
        var report = await RunAsync(new GoldPredictor(), data.Dev.Questions);

        Assert.Equal((1034, 972, 972, 1034), (report.All.Count, report.All.Executable, report.All.Correct, report.All.Exact));
        Assert.Equal([248, 446, 174, 166], Enum.GetValues<SpiderHardness>().Select(h => report.ByHardness[h].Count));
        Assert.Equal(["wta_1"], report.MissingDatabases);
        Assert.Equal(0, report.GoldOutsideGrammar);
    }

    [Fact]
    public async Task A_prediction_that_does_not_parse_or_run_scores_zero_without_crashing()
    {
        var questions = data.Dev.Questions.Take(10).ToList();

        var report = await RunAsync(new FixedPredictor("this is not SQL ' at all"), questions);

        Assert.Equal((10, 0, 0), (report.All.Count, report.All.Correct, report.All.Exact));
        Assert.Equal(10, report.PredictionsOutsideGrammar);
    }

    [Fact]
    public async Task A_runnable_prediction_outside_spiders_grammar_can_still_be_correct_on_execution()
    {
        // Spider's parser rejects the alias without AS, so exact match fails, but SQLite runs it to the gold result.
        var question = data.Dev.Questions[0];
        var evaluator = new SpiderEvaluator(data.Dev, new FixedPredictor("SELECT count(*) FROM singer s"), TimeSpan.FromSeconds(30));

        var outcome = await evaluator.EvaluateOneAsync(question);

        Assert.Equal("SELECT count(*) FROM singer", question.GoldSql);
        Assert.Equal((true, false, false), (outcome.Correct, outcome.Exact, outcome.PredictionParsed));
    }

    [Fact]
    public async Task Questions_without_a_database_are_left_out_of_execution_accuracy()
    {
        var wta = data.Dev.Questions.Where(q => q.DbId == "wta_1").Take(3);

        var report = await RunAsync(new GoldPredictor(), wta);

        Assert.Equal((3, 0, 3), (report.All.Count, report.All.Executable, report.All.Exact));
    }

    [Fact]
    public async Task The_count_baseline_is_far_from_the_gold()
    {
        var report = await RunAsync(new CountFirstTablePredictor(), data.Dev.Questions.Take(100));

        Assert.InRange(report.All.ExactMatch, 0.0, 0.2);
        Assert.InRange(report.All.ExecutionAccuracy, 0.0, 0.2);
    }
}
