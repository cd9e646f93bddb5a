namespace Gateway.Evaluation.Spider.Matching;

/// <summary>Spider's difficulty levels, from its <c>eval_hardness</c>.</summary>
public enum SpiderHardness
{
    Easy,
    Medium,
    Hard,
    Extra,
}
