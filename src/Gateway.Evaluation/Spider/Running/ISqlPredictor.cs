using Gateway.Evaluation.Spider.Data;

namespace Gateway.Evaluation.Spider.Running;

/// <summary>Turns a benchmark question into SQL for its database; the shipped text-to-SQL model implements this.</summary>
public interface ISqlPredictor
{
    /// <summary>Predicts SQL for <paramref name="question"/>; any text is accepted, and text that does not parse scores 0.</summary>
    Task<string> PredictAsync(SpiderQuestion question, SpiderSchema schema, CancellationToken cancellationToken);
}
