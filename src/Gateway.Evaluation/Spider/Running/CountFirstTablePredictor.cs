using Gateway.Evaluation.Spider.Data;

namespace Gateway.Evaluation.Spider.Running;

/// <summary>
/// A floor for comparison only: <c>SELECT count(*) FROM &lt;first table&gt;</c> whatever the question,
/// to show that the metrics are not trivially high.
/// </summary>
public sealed class CountFirstTablePredictor : ISqlPredictor
{
    public Task<string> PredictAsync(SpiderQuestion question, SpiderSchema schema, CancellationToken cancellationToken)
    {
        var table = schema.Tables.Count > 0 ? schema.Tables[0].OriginalName : "sqlite_master";
        return Task.FromResult($"SELECT count(*) FROM {table}");
    }
}
