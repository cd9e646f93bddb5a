namespace Gateway.Presentation.Charts;

/// <summary>Thresholds of the chart choice; defaults follow common charting guidance.</summary>
public sealed record ChartOptions
{
    /// <summary>A pie is proposed for at most this many slices. Default 6.</summary>
    public int MaxPieSlices { get; init; } = 6;

    /// <summary>More categories than this on one axis make no readable bar chart. Default 60.</summary>
    public int MaxBarCategories { get; init; } = 60;

    /// <summary>At most this many series (traces) in one chart. Default 12.</summary>
    public int MaxSeries { get; init; } = 12;

    /// <summary>A histogram needs at least this many values. Default 10.</summary>
    public int MinHistogramValues { get; init; } = 10;

    /// <summary>Used as the figure title when given (e.g. the user's question); otherwise a title is composed.</summary>
    public string? Title { get; init; }

    public static ChartOptions Default { get; } = new();
}
