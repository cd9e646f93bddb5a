using System.Globalization;
using System.Text;
using Gateway.Evaluation.Spider.Data;
using Gateway.Evaluation.Spider.Running;

namespace Gateway.Commands.Eval;

/// <summary>The readable summary of <c>gateway eval spider</c>: one row per hardness level.</summary>
internal static class SpiderText
{
    public static string Report(SpiderSplit split, SpiderReport report, TimeSpan elapsed)
    {
        var all = report.All;
        var text = new StringBuilder();
        var missing = report.MissingDatabases.Count == 0 ? "" : $" (no database: {string.Join(", ", report.MissingDatabases)})";
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Spider {(split == SpiderSplit.Dev ? "dev" : "train")}: {all.Count} questions, execution accuracy over {all.Executable}{missing}; {elapsed.TotalSeconds:0.0} s");
        text.AppendLine(CultureInfo.InvariantCulture, $"{"hardness",-10}{"count",7}{"executable",12}{"execution",11}{"exact",9}");
        foreach (var (hardness, score) in report.ByHardness.OrderBy(p => p.Key))
        {
            Row(text, SpiderJson.Name(hardness), score);
        }

        Row(text, "all", all);
        if (report.Partial.Count > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{"partial match",-18}{"accuracy",10}{"recall",10}{"f1",10}");
            foreach (var partial in report.Partial)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"{partial.Component,-18}{partial.Accuracy,10:P1}{partial.Recall,10:P1}{partial.F1,10:P1}");
            }

            text.AppendLine("(Spider's convention: F1 is 100% where a component has neither accuracy nor recall.)");
        }

        if (report.PredictionsOutsideGrammar > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{report.PredictionsOutsideGrammar} predictions are outside Spider's SQL grammar (scored as empty queries).");
        }

        if (report.GoldOutsideGrammar > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{report.GoldOutsideGrammar} gold queries are outside Spider's SQL grammar (no hardness; exact match 0).");
        }

        return text.ToString().TrimEnd();
    }

    private static void Row(StringBuilder text, string name, SpiderScore score) =>
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{name,-10}{score.Count,7}{score.Executable,12}{score.ExecutionAccuracy,11:P1}{score.ExactMatch,9:P1}");
}
