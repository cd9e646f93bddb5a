using Gateway.Execution.Results;
using Gateway.Presentation.Summary;

namespace Gateway.Presentation.Tests.Summary;

public sealed class ResultSummarizerTests
{
    private static readonly ResultColumn Region = new("region", ValueKind.Text, "TEXT");
    private static readonly ResultColumn Revenue = new("revenue", ValueKind.Decimal, "numeric");
    private static readonly ResultColumn Month = new("month", ValueKind.Text, "TEXT");
    private static readonly ResultColumn CustomerId = new("customer_id", ValueKind.Integer, "integer");

    private static ResultSummary Summarize(ResultColumn[] columns, params object?[][] rows) =>
        new ResultSummarizer().Summarize(columns, rows);

    [Fact]
    public void Extremes_total_and_mean_are_computed_and_named_by_the_label_column()
    {
        var summary = Summarize([Region, Revenue], ["North", 10m], ["South", 30m], ["West", 20m]);

        var revenue = Assert.Single(summary.Measures);
        Assert.Equal((10, "North", 30, "South", 60, 20), (revenue.Min, revenue.MinLabel, revenue.Max, revenue.MaxLabel, revenue.Sum, revenue.Mean));
    }

    [Fact]
    public void The_largest_share_of_a_non_negative_measure_is_in_percent()
    {
        var summary = Summarize([Region, Revenue], ["North", 10m], ["South", 30m]);

        Assert.Equal(new ShareSummary("South", 30, 75), summary.Measures[0].LargestShare);
        Assert.Contains("South holds the largest share of revenue: 75%.", summary.Sentences);
    }

    [Fact]
    public void A_measure_with_negative_values_has_no_share()
    {
        var summary = Summarize([Region, Revenue], ["North", -10m], ["South", 30m]);

        Assert.Null(summary.Measures[0].LargestShare);
    }

    [Fact]
    public void Identifiers_are_labels_not_measures()
    {
        var summary = Summarize([CustomerId, Revenue], [1L, 5m], [2L, 7m]);

        Assert.Equal("revenue", Assert.Single(summary.Measures).Column);
    }

    [Fact]
    public void A_value_far_outside_the_quartiles_is_an_outlier()
    {
        var summary = Summarize([Region, Revenue], ["a", 10m], ["b", 11m], ["c", 12m], ["d", 10m], ["e", 11m], ["f", 500m]);

        Assert.Equal(new OutlierValue("f", 500), Assert.Single(summary.Measures[0].Outliers));
    }

    [Fact]
    public void The_trend_over_time_gives_first_last_change_and_direction_in_time_order()
    {
        var summary = Summarize([Month, Revenue], ["2024-03", 30m], ["2024-01", 10m], ["2024-02", 20m]);

        var trend = summary.Trend!;
        Assert.Equal(("2024-01", 10, "2024-03", 30, 20), (trend.FirstPeriod, trend.First, trend.LastPeriod, trend.Last, trend.Change));
        Assert.Equal(200, trend.ChangePercent);
        Assert.Equal("rising", trend.Direction);
    }

    [Fact]
    public void The_largest_step_between_periods_is_reported()
    {
        var summary = Summarize([Month, Revenue], ["2024-01", 10m], ["2024-02", 12m], ["2024-03", 4m]);

        Assert.Equal(new StepChange("2024-02", "2024-03", -8), summary.Trend!.LargestStep);
        Assert.Equal("falling", summary.Trend.Direction);
    }

    [Fact]
    public void A_level_series_is_flat()
    {
        var summary = Summarize([Month, Revenue], ["2024-01", 100m], ["2024-02", 101m], ["2024-03", 100m]);

        Assert.Equal("flat", summary.Trend!.Direction);
    }

    [Fact]
    public void An_empty_result_says_no_rows_matched()
    {
        var summary = Summarize([Region, Revenue]);

        Assert.Equal(["No rows matched."], summary.Sentences);
        Assert.Empty(summary.Measures);
    }

    [Fact]
    public void A_single_value_is_stated_as_it_is()
    {
        var summary = Summarize([Revenue], [1234.5m]);

        Assert.Equal(["1 row.", "revenue is 1,234.5."], summary.Sentences);
    }

    [Fact]
    public void Null_values_are_counted_not_used()
    {
        var summary = Summarize([Region, Revenue], ["North", 10m], ["South", null], ["West", 20m]);

        Assert.Equal((2, 1, 15.0), (summary.Measures[0].Count, summary.Measures[0].Nulls, summary.Measures[0].Mean));
    }
}
