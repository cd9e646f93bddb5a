namespace Gateway.Context.Retrieval;

/// <summary>
/// Reciprocal-rank fusion: an item's fused score is the sum over the rankings that hold it of <c>1 / (k + rank)</c>,
/// rank from 1. It needs no score calibration between rankers (BM25 scores and cosine similarities are not
/// comparable), and an item high in either ranking rises.
/// </summary>
public static class RankFusion
{
    /// <summary>The constant of Cormack et al. (2009); it damps the weight of the very first places.</summary>
    public const int DefaultK = 60;

    /// <summary>Every item of any ranking, best fused score first; ties go to the item seen first.</summary>
    public static IReadOnlyList<(T Item, double Score)> Fuse<T>(IEnumerable<IReadOnlyList<T>> rankings, int k = DefaultK)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(rankings);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var scores = new Dictionary<T, double>();
        var order = new List<T>();
        foreach (var ranking in rankings)
        {
            for (var i = 0; i < ranking.Count; i++)
            {
                var item = ranking[i];
                if (!scores.TryGetValue(item, out var score))
                {
                    order.Add(item);
                }

                scores[item] = score + (1.0 / (k + i + 1));
            }
        }

        return [.. order.Select(item => (item, scores[item])).OrderByDescending(x => x.Item2)];
    }
}
