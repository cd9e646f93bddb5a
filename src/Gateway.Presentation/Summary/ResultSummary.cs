namespace Gateway.Presentation.Summary;

/// <summary>
/// Facts computed in code from a result, never by a model: the row count, each numeric column's extremes, total,
/// mean, largest share and outliers, the trend of the first measure over a time column, and plain sentences saying
/// them. Every number here is taken or computed from the rows.
/// </summary>
public sealed record ResultSummary(
    long RowCount,
    IReadOnlyList<MeasureSummary> Measures,
    TrendSummary? Trend,
    IReadOnlyList<string> Sentences);

/// <summary>One numeric column. Labels name the row (by its first label column) where one exists.</summary>
public sealed record MeasureSummary(
    string Column,
    int Count,
    int Nulls,
    double Min,
    string? MinLabel,
    double Max,
    string? MaxLabel,
    double Sum,
    double Mean,
    ShareSummary? LargestShare,
    IReadOnlyList<OutlierValue> Outliers);

/// <summary>The largest row's share of a non-negative column's total, in percent.</summary>
public sealed record ShareSummary(string Label, double Value, double Percent);

/// <summary>A value outside the column's Tukey fences (1.5 interquartile ranges beyond the quartiles).</summary>
public sealed record OutlierValue(string? Label, double Value);

/// <summary>
/// A measure over time, rows in time order: first and last values, the change between them (and in percent, when the
/// first is not zero), the direction of the least-squares line, and the largest step between consecutive periods.
/// </summary>
public sealed record TrendSummary(
    string TimeColumn,
    string Measure,
    string FirstPeriod,
    double First,
    string LastPeriod,
    double Last,
    double Change,
    double? ChangePercent,
    string Direction,
    StepChange? LargestStep);

/// <summary>The largest change (by size) between two consecutive periods.</summary>
public sealed record StepChange(string FromPeriod, string ToPeriod, double Change);
