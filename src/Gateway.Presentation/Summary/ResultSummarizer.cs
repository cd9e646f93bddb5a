using System.Globalization;
using Gateway.Execution.Results;
using Gateway.Presentation.Charts;

namespace Gateway.Presentation.Summary;

/// <summary>
/// Computes a <see cref="ResultSummary"/> from a result's columns and rows, using the same column roles charts use
/// (identifiers are labels, not measures; text that reads as dates is time).
/// </summary>
public sealed class ResultSummarizer
{
    /// <summary>Measures described in sentences; the rest are still in <see cref="ResultSummary.Measures"/>.</summary>
    public const int MaxMeasureSentences = 3;

    private const int MaxOutliers = 5;

    public ResultSummary Summarize(IReadOnlyList<ResultColumn> columns, IReadOnlyList<IReadOnlyList<object?>> rows)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        var roles = columns.Select((c, i) => ColumnRoles.Of(c, rows, i)).ToArray();
        var labelIndex = Array.IndexOf(roles, ColumnRole.Category);
        var timeIndexes = roles.Select((r, i) => (r, i)).Where(x => x.r == ColumnRole.Time).Select(x => x.i).ToList();
        var measureIndexes = roles.Select((r, i) => (r, i)).Where(x => x.r == ColumnRole.Measure).Select(x => x.i).ToList();
        // Rows are named by their label column, else by their time.
        var nameIndex = labelIndex >= 0 ? labelIndex : timeIndexes.Count > 0 ? timeIndexes[0] : -1;

        var measures = measureIndexes
            .Select(m => Measure(columns[m].Name, rows, m, nameIndex))
            .OfType<MeasureSummary>()
            .ToList();
        var trend = timeIndexes.Count == 1 && labelIndex < 0 && measureIndexes.Count > 0 && rows.Count >= 2
            ? Trend(columns[timeIndexes[0]].Name, columns[measureIndexes[0]].Name, rows, timeIndexes[0], measureIndexes[0])
            : null;
        return new ResultSummary(rows.Count, measures, trend, Sentences(rows.Count, measures, trend, labelIndex >= 0 || timeIndexes.Count > 0));
    }

    private static MeasureSummary? Measure(string name, IReadOnlyList<IReadOnlyList<object?>> rows, int ordinal, int nameIndex)
    {
        var values = new List<(double Value, string? Label)>();
        var nulls = 0;
        foreach (var row in rows)
        {
            if (FigureBuilder.Number(row[ordinal]) is { } number && double.IsFinite(number))
            {
                values.Add((number, nameIndex >= 0 ? FigureBuilder.Label(row[nameIndex]) : null));
            }
            else
            {
                nulls++;
            }
        }

        if (values.Count == 0)
        {
            return null;
        }

        var min = values.MinBy(v => v.Value);
        var max = values.MaxBy(v => v.Value);
        var sum = values.Sum(v => v.Value);
        ShareSummary? share = null;
        if (nameIndex >= 0 && values.Count >= 2 && values.All(v => v.Value >= 0) && sum > 0)
        {
            share = new ShareSummary(max.Label!, max.Value, Math.Round(100 * max.Value / sum, 1));
        }

        return new MeasureSummary(name, values.Count, nulls, min.Value, min.Label, max.Value, max.Label, sum, sum / values.Count, share, Outliers(values));
    }

    private static List<OutlierValue> Outliers(List<(double Value, string? Label)> values)
    {
        if (values.Count < 5)
        {
            return [];
        }

        var sorted = values.Select(v => v.Value).Order().ToArray();
        var q1 = Quantile(sorted, 0.25);
        var q3 = Quantile(sorted, 0.75);
        var range = q3 - q1;
        if (range <= 0)
        {
            return [];
        }

        var (low, high) = (q1 - (1.5 * range), q3 + (1.5 * range));
        return [.. values.Where(v => v.Value < low || v.Value > high)
            .OrderByDescending(v => Math.Abs(v.Value - ((q1 + q3) / 2)))
            .Take(MaxOutliers)
            .Select(v => new OutlierValue(v.Label, v.Value))];
    }

    private static double Quantile(double[] sorted, double p)
    {
        var position = p * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }

    private static TrendSummary? Trend(string timeName, string measureName, IReadOnlyList<IReadOnlyList<object?>> rows, int time, int measure)
    {
        var points = rows
            .Select(r => (Period: FigureBuilder.Label(r[time]), Value: FigureBuilder.Number(r[measure])))
            .Where(p => p.Value is { } v && double.IsFinite(v) && p.Period != "(null)")
            .Select(p => (p.Period, Value: p.Value!.Value))
            // ISO dates and months order correctly as text.
            .OrderBy(p => p.Period, StringComparer.Ordinal)
            .ToList();
        if (points.Count < 2)
        {
            return null;
        }

        var (first, last) = (points[0], points[^1]);
        var change = last.Value - first.Value;
        double? percent = first.Value != 0 ? Math.Round(100 * change / Math.Abs(first.Value), 1) : null;
        StepChange? step = null;
        for (var i = 1; i < points.Count; i++)
        {
            var delta = points[i].Value - points[i - 1].Value;
            if (step is null || Math.Abs(delta) > Math.Abs(step.Change))
            {
                step = new StepChange(points[i - 1].Period, points[i].Period, delta);
            }
        }

        return new TrendSummary(timeName, measureName, first.Period, first.Value, last.Period, last.Value, change, percent, Direction(points.Select(p => p.Value).ToList()), step);
    }

    /// <summary>The sign of the least-squares slope, called flat when the line moves less than 5% of the mean over the whole span.</summary>
    private static string Direction(List<double> values)
    {
        var n = values.Count;
        var meanX = (n - 1) / 2.0;
        var meanY = values.Average();
        double numerator = 0, denominator = 0;
        for (var i = 0; i < n; i++)
        {
            numerator += (i - meanX) * (values[i] - meanY);
            denominator += (i - meanX) * (i - meanX);
        }

        var slope = numerator / denominator;
        var span = Math.Abs(slope * (n - 1));
        var scale = Math.Abs(meanY);
        if (scale > 0 ? span < 0.05 * scale : span == 0)
        {
            return "flat";
        }

        return slope > 0 ? "rising" : "falling";
    }

    private static List<string> Sentences(long rowCount, List<MeasureSummary> measures, TrendSummary? trend, bool labelled)
    {
        var sentences = new List<string>
        {
            rowCount switch
            {
                0 => "No rows matched.",
                1 => "1 row.",
                _ => $"{rowCount.ToString("N0", CultureInfo.InvariantCulture)} rows.",
            },
        };
        foreach (var measure in measures.Take(MaxMeasureSentences))
        {
            if (measure.Count == 1)
            {
                sentences.Add($"{measure.Column} is {Format(measure.Max)}{Named(measure.MaxLabel)}.");
                continue;
            }

            sentences.Add($"{measure.Column} ranges from {Format(measure.Min)}{Named(measure.MinLabel)} to {Format(measure.Max)}{Named(measure.MaxLabel)}; " +
                          $"total {Format(measure.Sum)}, mean {Format(measure.Mean)}.");
            if (measure.LargestShare is { } share && labelled)
            {
                sentences.Add($"{share.Label} holds the largest share of {measure.Column}: {Format(share.Percent)}%.");
            }

            if (measure.Outliers.Count > 0)
            {
                sentences.Add($"Outliers in {measure.Column}: {string.Join(", ", measure.Outliers.Select(o => $"{Format(o.Value)}{Named(o.Label)}"))}.");
            }
        }

        if (trend is not null)
        {
            var percent = trend.ChangePercent is { } p ? $" ({(p >= 0 ? "+" : "")}{Format(p)}%)" : "";
            sentences.Add($"{trend.Measure} went from {Format(trend.First)} in {trend.FirstPeriod} to {Format(trend.Last)} in {trend.LastPeriod}{percent}; " +
                          $"the overall trend is {trend.Direction}.");
            if (trend.LargestStep is { } step)
            {
                sentences.Add($"The largest change between consecutive periods is {(step.Change >= 0 ? "+" : "")}{Format(step.Change)}, from {step.FromPeriod} to {step.ToPeriod}.");
            }
        }

        return sentences;
    }

    private static string Named(string? label) => label is null ? "" : $" ({label})";

    /// <summary>Numbers as people read them: thousands separated, at most two decimals.</summary>
    public static string Format(double value) => value.ToString("#,##0.##", CultureInfo.InvariantCulture);
}
