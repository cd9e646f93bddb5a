namespace Gateway.Presentation.Charts;

/// <summary>The charts the gateway proposes; <see cref="None"/> comes with the reason no chart fits.</summary>
public enum ChartKind
{
    None,
    Bar,
    GroupedBar,
    StackedBar,
    Line,
    Pie,
    Scatter,
    Histogram,
}

public static class ChartKinds
{
    public static string ToName(this ChartKind kind) => kind switch
    {
        ChartKind.None => "none",
        ChartKind.Bar => "bar",
        ChartKind.GroupedBar => "grouped_bar",
        ChartKind.StackedBar => "stacked_bar",
        ChartKind.Line => "line",
        ChartKind.Pie => "pie",
        ChartKind.Scatter => "scatter",
        ChartKind.Histogram => "histogram",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
