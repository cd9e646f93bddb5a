using System.Collections.Concurrent;
using Gateway.Evaluation.Spider.Data;
using Gateway.Evaluation.Spider.Running;

namespace Gateway.Model.TextToSql;

/// <summary>
/// The action representation's upper bound: predicts render(linearize(gold)) with the value candidates a real example
/// gets, so execution accuracy measures what the IR can express. A gold query without actions predicts nothing (it
/// scores 0) and its reason is kept for <see cref="FailureCounts"/>.
/// </summary>
public sealed class IrRoundTripPredictor(SpiderDataset dataset, PointerExampleBuilder builder) : ISqlPredictor
{
    private readonly ConcurrentDictionary<int, LinearizeFailure> _failures = new();
    private readonly ConcurrentDictionary<int, int> _tableCounts = new();
    private readonly ConcurrentDictionary<int, (int Actions, int Values)> _sizes = new();

    public async Task<string> PredictAsync(SpiderQuestion question, SpiderSchema schema, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(schema);
        var path = dataset.HasDatabase(question.DbId) ? dataset.DatabasePath(question.DbId) : null;
        var built = await builder.BuildAsync(schema, path, question.Question, question.GoldSql, cancellationToken).ConfigureAwait(false);
        var example = built.Example;
        _sizes[question.Index] = (example.Target?.Count ?? 0, example.Values.Count);
        if (example.Target is null)
        {
            _failures[question.Index] = built.TargetFailure ?? new LinearizeFailure("unknown", "no actions");
            return "";
        }

        _tableCounts[question.Index] = example.Target.Count(a => a.Kind == SqlActionKind.Table);
        try
        {
            return SqlRenderer.Render(example, example.Target);
        }
        catch (FormatException ex)
        {
            _failures[question.Index] = new LinearizeFailure("render", ex.Message);
            return "";
        }
    }

    /// <summary>Why a question had no prediction, if it had none.</summary>
    public LinearizeFailure? FailureOf(int questionIndex) => _failures.TryGetValue(questionIndex, out var failure) ? failure : null;

    /// <summary>How many tables the question's actions chose (all sub-queries together); null when it has no actions.</summary>
    public int? TablesOf(int questionIndex) => _tableCounts.TryGetValue(questionIndex, out var count) ? count : null;

    /// <summary>Sizes the network side cares about: actions per linearized query and value candidates per question (mean, max).</summary>
    public (double MeanActions, int MaxActions, double MeanValues, int MaxValues) Sizes()
    {
        var linearized = _sizes.Values.Where(s => s.Actions > 0).ToList();
        var all = _sizes.Values.ToList();
        return (
            linearized.Count == 0 ? 0 : linearized.Average(s => s.Actions),
            linearized.Count == 0 ? 0 : linearized.Max(s => s.Actions),
            all.Count == 0 ? 0 : all.Average(s => s.Values),
            all.Count == 0 ? 0 : all.Max(s => s.Values));
    }

    /// <summary>Failures grouped by kind, most frequent first, each with one example detail.</summary>
    public IReadOnlyList<(string Kind, int Count, string Example)> FailureCounts() =>
        _failures.Values.GroupBy(f => f.Kind)
            .Select(g => (g.Key, g.Count(), g.First().Detail))
            .OrderByDescending(g => g.Item2)
            .ToList();
}
