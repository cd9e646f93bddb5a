namespace Gateway.Evaluation.Spider.Data;

/// <summary>Which question file of the benchmark to read.</summary>
public enum SpiderSplit
{
    /// <summary><c>dev.json</c> with <c>dev_gold.sql</c>: the measure, never tuned on.</summary>
    Dev,

    /// <summary><c>train_spider.json</c>.</summary>
    Train,
}
