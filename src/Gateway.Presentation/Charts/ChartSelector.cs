using Gateway.Execution.Results;

namespace Gateway.Presentation.Charts;

/// <summary>
/// Chooses a chart from a result's column roles and shape, then has <see cref="FigureBuilder"/> write it:
/// time + measures: line; one category + one measure: pie (few, all positive) or bar; one category + several
/// measures: grouped bar; two categories + a measure: stacked (all non-negative) or grouped bar; two measures:
/// scatter; one measure: histogram. Anything else gets no chart, with the reason.
/// </summary>
public sealed class ChartSelector
{
    private readonly ChartOptions _options;

    public ChartSelector(ChartOptions? options = null)
    {
        _options = options ?? ChartOptions.Default;
    }

    public ChartSpec Select(IReadOnlyList<ResultColumn> columns, IReadOnlyList<IReadOnlyList<object?>> rows)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return ChartSpec.None("The result has no rows.");
        }

        var roles = columns.Select((c, i) => ColumnRoles.Of(c, rows, i)).ToArray();
        var measures = Indexes(roles, ColumnRole.Measure);
        var categories = Indexes(roles, ColumnRole.Category);
        var times = Indexes(roles, ColumnRole.Time);
        var figure = new FigureBuilder(columns, rows, _options.Title);

        if (measures.Count == 0)
        {
            return ChartSpec.None("The result has no numeric column to plot.");
        }

        if (rows.Count == 1 && categories.Count + times.Count == 0)
        {
            return ChartSpec.None("The result is a single row of numbers; it reads best as figures, not a chart.");
        }

        if (times.Count == 1 && categories.Count <= 1)
        {
            return Line(figure, times[0], categories, measures, rows);
        }

        if (times.Count == 0 && categories.Count == 1)
        {
            return OneCategory(figure, categories[0], measures, rows);
        }

        if (times.Count == 0 && categories.Count == 2 && measures.Count == 1)
        {
            return TwoCategories(figure, categories[0], categories[1], measures[0], rows);
        }

        if (times.Count + categories.Count == 0)
        {
            if (measures.Count == 2 && rows.Count >= 3)
            {
                return new ChartSpec(ChartKind.Scatter, "Two numeric columns: a scatter plot shows how they relate.", figure.Scatter(measures[0], measures[1]));
            }

            if (measures.Count == 1 && rows.Count >= _options.MinHistogramValues)
            {
                return new ChartSpec(ChartKind.Histogram, "One numeric column: a histogram shows its distribution.", figure.Histogram(measures[0]));
            }
        }

        return ChartSpec.None($"No chart fits {categories.Count} label, {times.Count} time and {measures.Count} numeric column(s) over {rows.Count} row(s).");
    }

    private ChartSpec Line(FigureBuilder figure, int time, List<int> categories, List<int> measures, IReadOnlyList<IReadOnlyList<object?>> rows)
    {
        if (categories.Count == 1)
        {
            var series = Distinct(rows, categories[0]);
            if (measures.Count != 1 || series > _options.MaxSeries)
            {
                return ChartSpec.None($"A time series split by a label needs one numeric column and at most {_options.MaxSeries} series; this has {measures.Count} and {series}.");
            }

            return new ChartSpec(ChartKind.Line, "A time column with a measure split by one label: one line per label value.", figure.LineBySeries(time, categories[0], measures[0]));
        }

        if (measures.Count > _options.MaxSeries)
        {
            return ChartSpec.None($"More than {_options.MaxSeries} numeric columns over time are too many lines to read.");
        }

        return new ChartSpec(ChartKind.Line, "A time column with numeric columns: a line chart shows the trend.", figure.Lines(time, measures));
    }

    private ChartSpec OneCategory(FigureBuilder figure, int category, List<int> measures, IReadOnlyList<IReadOnlyList<object?>> rows)
    {
        if (rows.Count > _options.MaxBarCategories)
        {
            return ChartSpec.None($"{rows.Count} categories are too many for a readable chart (limit {_options.MaxBarCategories}).");
        }

        if (measures.Count > 1)
        {
            return measures.Count > _options.MaxSeries
                ? ChartSpec.None($"More than {_options.MaxSeries} numeric columns are too many bars per category.")
                : new ChartSpec(ChartKind.GroupedBar, "One label column with several numeric columns: grouped bars compare them per label.", figure.Bars(category, measures, "group"));
        }

        var values = rows.Select(r => FigureBuilder.Number(r[measures[0]])).ToList();
        if (rows.Count >= 2 && rows.Count <= _options.MaxPieSlices && values.All(v => v is > 0) && Distinct(rows, category) == rows.Count)
        {
            return new ChartSpec(ChartKind.Pie, $"Few categories ({rows.Count}) with positive values: a pie shows each one's share.", figure.Pie(category, measures[0]));
        }

        return new ChartSpec(ChartKind.Bar, "One label column and one numeric column: a bar chart compares the values.", figure.Bars(category, measures, "group"));
    }

    private ChartSpec TwoCategories(FigureBuilder figure, int first, int second, int measure, IReadOnlyList<IReadOnlyList<object?>> rows)
    {
        // The label with fewer values becomes the series, the other the axis.
        var (axis, series) = Distinct(rows, first) >= Distinct(rows, second) ? (first, second) : (second, first);
        if (Distinct(rows, series) > _options.MaxSeries || Distinct(rows, axis) > _options.MaxBarCategories)
        {
            return ChartSpec.None($"Two label columns with {Distinct(rows, axis)} and {Distinct(rows, series)} values are too many for one bar chart.");
        }

        var stacked = rows.All(r => FigureBuilder.Number(r[measure]) is null or >= 0);
        return stacked
            ? new ChartSpec(ChartKind.StackedBar, "Two label columns and a non-negative measure: stacked bars show totals and their parts.", figure.BarsBySeries(axis, series, measure, "stack"))
            : new ChartSpec(ChartKind.GroupedBar, "Two label columns and a measure with negative values: grouped bars compare them side by side.", figure.BarsBySeries(axis, series, measure, "group"));
    }

    private static List<int> Indexes(ColumnRole[] roles, ColumnRole role) =>
        [.. roles.Select((r, i) => (r, i)).Where(x => x.r == role).Select(x => x.i)];

    private static int Distinct(IReadOnlyList<IReadOnlyList<object?>> rows, int ordinal) =>
        rows.Select(r => FigureBuilder.Label(r[ordinal])).Distinct(StringComparer.Ordinal).Count();
}
