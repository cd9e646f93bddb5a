namespace Gateway.Evaluation.Spider.Matching;

/// <summary>
/// One component of Spider's partial matching (select, where, group, ...). Spider's accuracy, recall and F1 for a
/// single pair are all 1 or all 0, so <see cref="Matches"/> is the whole score.
/// </summary>
public sealed record PartialMatch(string Component, int GoldCount, int PredictedCount, bool Matches)
{
    /// <summary>Spider's get_scores: the counts must agree and every predicted unit must be found.</summary>
    internal static PartialMatch Score(string component, int goldCount, int predictedCount, int found) =>
        new(component, goldCount, predictedCount, predictedCount == goldCount && found == predictedCount);
}
