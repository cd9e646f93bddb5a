using Gateway.Evaluation.Spider.Matching;

namespace Gateway.Evaluation.Spider.Running;

/// <summary>
/// Spider's partial-matching summary for one component: accuracy over the predictions that have the component,
/// recall over the gold queries that have it, and their F1 (1 when both are 0, as Spider prints it).
/// </summary>
public sealed record PartialScore(string Component, double Accuracy, double Recall, double F1);

/// <summary>Sums per-question partial matches the way Spider's <c>evaluate</c> does.</summary>
internal sealed class PartialScoreBuilder
{
    private readonly Dictionary<string, (int Hits, int Count)> _accuracy = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Hits, int Count)> _recall = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public void Add(IEnumerable<PartialMatch> partials)
    {
        foreach (var partial in partials)
        {
            if (_accuracy.TryAdd(partial.Component, (0, 0)))
            {
                _order.Add(partial.Component);
                _recall[partial.Component] = (0, 0);
            }

            var hit = partial.Matches ? 1 : 0;
            if (partial.PredictedCount > 0)
            {
                var (hits, count) = _accuracy[partial.Component];
                _accuracy[partial.Component] = (hits + hit, count + 1);
            }

            if (partial.GoldCount > 0)
            {
                var (hits, count) = _recall[partial.Component];
                _recall[partial.Component] = (hits + hit, count + 1);
            }
        }
    }

    public IReadOnlyList<PartialScore> Build() => _order.Select(component =>
    {
        var accuracy = Ratio(_accuracy[component]);
        var recall = Ratio(_recall[component]);
        var f1 = accuracy == 0 && recall == 0 ? 1 : 2 * accuracy * recall / (accuracy + recall);
        return new PartialScore(component, accuracy, recall, f1);
    }).ToList();

    private static double Ratio((int Hits, int Count) tally) => tally.Count == 0 ? 0 : (double)tally.Hits / tally.Count;
}
