using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Execution.Results;
using Gateway.Presentation.Charts;

namespace Gateway.Presentation.Tests.Charts;

public sealed class ChartSelectorTests
{
    private static readonly ResultColumn Region = new("region", ValueKind.Text, "TEXT");
    private static readonly ResultColumn Segment = new("segment", ValueKind.Text, "TEXT");
    private static readonly ResultColumn Revenue = new("revenue", ValueKind.Decimal, "numeric");
    private static readonly ResultColumn Orders = new("orders", ValueKind.Integer, "bigint");
    private static readonly ResultColumn Day = new("day", ValueKind.Date, "date");

    [Fact]
    public void Category_and_measure_give_a_bar_chart()
    {
        var spec = Select([Region, Revenue], Rows(8, i => [$"r{i}", 10m + i]));

        Assert.Equal(ChartKind.Bar, spec.Type);
        PlotlyFigureAssert.Valid(spec.Figure);
        Assert.Equal("revenue", (string?)spec.Figure!["layout"]!["yaxis"]!["title"]!["text"]);
        Assert.Equal("region", (string?)spec.Figure!["layout"]!["xaxis"]!["title"]!["text"]);
    }

    [Fact]
    public void Few_positive_shares_give_a_pie()
    {
        var spec = Select([Segment, Orders], [["consumer", 70L], ["corporate", 10L], ["small_business", 20L]]);

        Assert.Equal(ChartKind.Pie, spec.Type);
        PlotlyFigureAssert.Valid(spec.Figure);
        Assert.Equal(3, ((JsonArray)spec.Figure!["data"]![0]!["labels"]!).Count);
    }

    [Fact]
    public void Negative_values_rule_out_a_pie()
    {
        var spec = Select([Segment, Revenue], [["a", 5m], ["b", -2m], ["c", 1m]]);

        Assert.Equal(ChartKind.Bar, spec.Type);
    }

    [Fact]
    public void Date_and_measure_give_a_line_sorted_by_time()
    {
        var spec = Select([Day, Revenue], [[new DateOnly(2024, 3, 1), 3m], [new DateOnly(2024, 1, 1), 1m], [new DateOnly(2024, 2, 1), 2m]]);

        Assert.Equal(ChartKind.Line, spec.Type);
        PlotlyFigureAssert.Valid(spec.Figure);
        var x = spec.Figure!["data"]![0]!["x"]!.AsArray().Select(n => (string?)n);
        Assert.Equal(["2024-01-01", "2024-02-01", "2024-03-01"], x);
        Assert.Equal("date", (string?)spec.Figure["layout"]!["xaxis"]!["type"]);
    }

    [Fact]
    public void Month_text_reads_as_time()
    {
        var month = new ResultColumn("month", ValueKind.Text, "TEXT");

        var spec = Select([month, Orders], [["2024-01", 5L], ["2024-02", 6L], ["2024-03", 7L]]);

        Assert.Equal(ChartKind.Line, spec.Type);
    }

    [Fact]
    public void Time_measure_and_label_give_one_line_per_label()
    {
        var rows = new List<object?[]>();
        foreach (var segment in new[] { "a", "b", "c" })
        {
            for (var m = 1; m <= 4; m++)
            {
                rows.Add([new DateOnly(2024, m, 1), segment, (long)m]);
            }
        }

        var spec = Select([Day, Segment, Orders], rows);

        Assert.Equal(ChartKind.Line, spec.Type);
        Assert.Equal(3, spec.Figure!["data"]!.AsArray().Count);
        PlotlyFigureAssert.Valid(spec.Figure);
    }

    [Fact]
    public void Two_measures_give_a_scatter_plot()
    {
        var spec = Select([Orders, Revenue], Rows(20, i => [(long)i, i * 2.5m]));

        Assert.Equal(ChartKind.Scatter, spec.Type);
        PlotlyFigureAssert.Valid(spec.Figure);
        Assert.Equal("markers", (string?)spec.Figure!["data"]![0]!["mode"]);
    }

    [Fact]
    public void One_measure_gives_a_histogram()
    {
        var spec = Select([Revenue], Rows(30, i => [i * 1.5m]));

        Assert.Equal(ChartKind.Histogram, spec.Type);
        PlotlyFigureAssert.Valid(spec.Figure);
    }

    [Fact]
    public void Two_labels_and_a_non_negative_measure_give_stacked_bars()
    {
        var spec = Select([Region, Segment, Orders], TwoLabelRows(sign: 1));

        Assert.Equal(ChartKind.StackedBar, spec.Type);
        Assert.Equal("stack", (string?)spec.Figure!["layout"]!["barmode"]);
        Assert.Equal(3, spec.Figure["data"]!.AsArray().Count);
        PlotlyFigureAssert.Valid(spec.Figure);
    }

    [Fact]
    public void Two_labels_and_negative_values_give_grouped_bars()
    {
        var spec = Select([Region, Segment, Orders], TwoLabelRows(sign: -1));

        Assert.Equal(ChartKind.GroupedBar, spec.Type);
        Assert.Equal("group", (string?)spec.Figure!["layout"]!["barmode"]);
    }

    [Fact]
    public void Label_and_two_measures_give_grouped_bars()
    {
        var spec = Select([Region, Orders, Revenue], Rows(5, i => [$"r{i}", (long)i, i * 3m]));

        Assert.Equal(ChartKind.GroupedBar, spec.Type);
        Assert.Equal(2, spec.Figure!["data"]!.AsArray().Count);
        PlotlyFigureAssert.Valid(spec.Figure);
    }

    [Fact]
    public void Identifier_column_is_a_label_not_a_measure()
    {
        var id = new ResultColumn("customer_id", ValueKind.Integer, "integer");

        var spec = Select([id, Revenue], Rows(10, i => [(long)i, i * 2m]));

        Assert.Equal(ChartKind.Bar, spec.Type);
    }

    [Fact]
    public void Empty_result_gives_no_chart_with_a_reason()
    {
        var spec = Select([Region, Revenue], []);

        Assert.Equal(ChartKind.None, spec.Type);
        Assert.Null(spec.Figure);
        Assert.Contains("no rows", spec.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Single_number_gives_no_chart()
    {
        Assert.Equal(ChartKind.None, Select([Orders], [[42L]]).Type);
    }

    [Fact]
    public void Text_only_result_gives_no_chart()
    {
        var spec = Select([Region, Segment], [["a", "b"]]);

        Assert.Equal(ChartKind.None, spec.Type);
        Assert.Contains("no numeric column", spec.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_categories_give_no_chart()
    {
        Assert.Equal(ChartKind.None, Select([Region, Revenue], Rows(500, i => [$"r{i}", 1m])).Type);
    }

    [Fact]
    public void Given_title_replaces_the_composed_one()
    {
        var spec = new ChartSelector(new ChartOptions { Title = "Revenue per region" }).Select([Region, Revenue], [.. Rows(8, i => [$"r{i}", 1m + i])]);

        Assert.Equal("Revenue per region", (string?)spec.Figure!["layout"]!["title"]!["text"]);
    }

    [Fact]
    public void Spec_is_written_as_type_reason_and_figure()
    {
        var spec = Select([Region, Revenue], Rows(8, i => [$"r{i}", 10.25m]));
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            spec.WriteTo(writer);
        }

        using var document = JsonDocument.Parse(Encoding.UTF8.GetString(buffer.ToArray()));
        Assert.Equal("bar", document.RootElement.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(document.RootElement.GetProperty("reason").GetString()));
        Assert.Equal(10.25, document.RootElement.GetProperty("figure").GetProperty("data")[0].GetProperty("y")[0].GetDouble());
    }

    private static ChartSpec Select(ResultColumn[] columns, IEnumerable<object?[]> rows) =>
        new ChartSelector().Select(columns, [.. rows.Select(r => (IReadOnlyList<object?>)r)]);

    private static IEnumerable<object?[]> Rows(int count, Func<int, object?[]> row) => Enumerable.Range(0, count).Select(row);

    private static List<object?[]> TwoLabelRows(int sign)
    {
        var rows = new List<object?[]>();
        foreach (var region in new[] { "east", "west", "north", "south", "central" })
        {
            foreach (var segment in new[] { "a", "b", "c" })
            {
                rows.Add([region, segment, sign * (long)(region.Length + segment[0])]);
            }
        }

        return rows;
    }
}
