using Gateway.Evaluation.Spider.Data;

namespace Gateway.Evaluation.Spider.Running;

/// <summary>Predicts the gold query itself: a sanity check that must score 100% on every metric.</summary>
public sealed class GoldPredictor : ISqlPredictor
{
    public Task<string> PredictAsync(SpiderQuestion question, SpiderSchema schema, CancellationToken cancellationToken) =>
        Task.FromResult(question.GoldSql);
}
