using System.Globalization;
using System.Text;
using Gateway.Evaluation.Spider.Running;
using Gateway.Model.TextToSql;

namespace Gateway.Commands.Eval;

/// <summary>Why the action round trip missed: gold queries without actions by reason, and executed ones that differ by table count.</summary>
internal static class IrRoundTripText
{
    public static string Failures(IrRoundTripPredictor predictor, IReadOnlyList<QuestionOutcome> outcomes)
    {
        var reasons = new List<(string Kind, int Count, string Example)>(predictor.FailureCounts());
        var differing = outcomes
            .Where(o => o.Correct == false && predictor.FailureOf(o.Question.Index) is null)
            .GroupBy(o => predictor.TablesOf(o.Question.Index) switch
            {
                null => "rows-differ",
                1 => "rows-differ (one table)",
                var n => $"rows-differ ({n} tables, joins derived)",
            })
            .Select(g => (g.Key, g.Count(), $"#{g.First().Question.Index}: {g.First().Question.GoldSql}  =>  {g.First().Predicted}"));
        reasons.AddRange(differing);
        var text = new StringBuilder("IR round trip misses, by reason:\n");
        foreach (var (kind, count, example) in reasons.OrderByDescending(r => r.Count))
        {
            text.Append(CultureInfo.InvariantCulture, $"  {count,5}  {kind,-40} e.g. {example}\n");
        }

        var (meanActions, maxActions, meanValues, maxValues) = predictor.Sizes();
        text.Append(CultureInfo.InvariantCulture, $"actions per query: mean {meanActions:F1}, max {maxActions}; value candidates per question: mean {meanValues:F1}, max {maxValues}");
        return text.ToString();
    }
}
