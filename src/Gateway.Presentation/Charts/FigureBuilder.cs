using System.Globalization;
using System.Text.Json.Nodes;
using Gateway.Execution.Conversion;
using Gateway.Execution.Results;

namespace Gateway.Presentation.Charts;

/// <summary>
/// Writes Plotly figures (<c>{"data": [traces], "layout": {title, xaxis.title, yaxis.title, barmode}}</c>) from
/// result columns. Times are written as "yyyy-MM-dd HH:mm:ss" text, the form Plotly's date axes parse.
/// </summary>
internal sealed class FigureBuilder
{
    private readonly IReadOnlyList<ResultColumn> _columns;
    private readonly IReadOnlyList<IReadOnlyList<object?>> _rows;
    private readonly string? _title;

    public FigureBuilder(IReadOnlyList<ResultColumn> columns, IReadOnlyList<IReadOnlyList<object?>> rows, string? title)
    {
        _columns = columns;
        _rows = rows;
        _title = title;
    }

    public JsonObject Bars(int category, IReadOnlyList<int> measures, string barMode)
    {
        var data = new JsonArray();
        foreach (var measure in measures)
        {
            data.Add(new JsonObject
            {
                ["type"] = "bar",
                ["name"] = Name(measure),
                ["x"] = Array(_rows.Select(r => (JsonNode?)Label(r[category]))),
                ["y"] = Array(_rows.Select(r => (JsonNode?)Value(r[measure]))),
            });
        }

        var yTitle = measures.Count == 1 ? Name(measures[0]) : "value";
        return Figure(data, $"{yTitle} by {Name(category)}", Name(category), yTitle, barMode);
    }

    public JsonObject BarsBySeries(int axis, int series, int measure, string barMode)
    {
        var data = new JsonArray();
        foreach (var group in _rows.GroupBy(r => Label(r[series]), StringComparer.Ordinal))
        {
            data.Add(new JsonObject
            {
                ["type"] = "bar",
                ["name"] = group.Key,
                ["x"] = Array(group.Select(r => (JsonNode?)Label(r[axis]))),
                ["y"] = Array(group.Select(r => (JsonNode?)Value(r[measure]))),
            });
        }

        return Figure(data, $"{Name(measure)} by {Name(axis)} and {Name(series)}", Name(axis), Name(measure), barMode);
    }

    public JsonObject Pie(int category, int measure)
    {
        var data = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "pie",
                ["labels"] = Array(_rows.Select(r => (JsonNode?)Label(r[category]))),
                ["values"] = Array(_rows.Select(r => (JsonNode?)Value(r[measure]))),
            },
        };
        return new JsonObject { ["data"] = data, ["layout"] = new JsonObject { ["title"] = Title($"Share of {Name(measure)} by {Name(category)}") } };
    }

    public JsonObject Lines(int time, IReadOnlyList<int> measures)
    {
        var ordered = _rows.OrderBy(r => Time(r[time]), StringComparer.Ordinal).ToList();
        var data = new JsonArray();
        foreach (var measure in measures)
        {
            data.Add(Line(Name(measure), ordered, time, measure));
        }

        var yTitle = measures.Count == 1 ? Name(measures[0]) : "value";
        return Figure(data, $"{yTitle} over {Name(time)}", Name(time), yTitle, null, dateAxis: true);
    }

    public JsonObject LineBySeries(int time, int series, int measure)
    {
        var data = new JsonArray();
        foreach (var group in _rows.GroupBy(r => Label(r[series]), StringComparer.Ordinal))
        {
            data.Add(Line(group.Key, [.. group.OrderBy(r => Time(r[time]), StringComparer.Ordinal)], time, measure));
        }

        return Figure(data, $"{Name(measure)} over {Name(time)} by {Name(series)}", Name(time), Name(measure), null, dateAxis: true);
    }

    public JsonObject Scatter(int x, int y)
    {
        var data = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "scatter",
                ["mode"] = "markers",
                ["x"] = Array(_rows.Select(r => (JsonNode?)Value(r[x]))),
                ["y"] = Array(_rows.Select(r => (JsonNode?)Value(r[y]))),
            },
        };
        return Figure(data, $"{Name(y)} vs {Name(x)}", Name(x), Name(y), null);
    }

    public JsonObject Histogram(int measure)
    {
        var data = new JsonArray
        {
            new JsonObject { ["type"] = "histogram", ["x"] = Array(_rows.Select(r => (JsonNode?)Value(r[measure]))) },
        };
        return Figure(data, $"Distribution of {Name(measure)}", Name(measure), "count", null);
    }

    /// <summary>A cell as a number, or null when it is none.</summary>
    public static double? Number(object? value) => value switch
    {
        long n => n,
        ulong n => n,
        double n => n,
        decimal n => (double)n,
        ExactNumber n => double.Parse(n.Text, CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>A cell as an axis label or series name.</summary>
    public static string Label(object? value) => value switch
    {
        null => "(null)",
        bool flag => flag ? "true" : "false",
        DateOnly or DateTime or DateTimeOffset => Time(value),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private JsonObject Line(string name, IReadOnlyList<IReadOnlyList<object?>> ordered, int time, int measure) => new()
    {
        ["type"] = "scatter",
        ["mode"] = "lines+markers",
        ["name"] = name,
        ["x"] = Array(ordered.Select(r => (JsonNode?)Time(r[time]))),
        ["y"] = Array(ordered.Select(r => (JsonNode?)Value(r[measure]))),
    };

    private JsonObject Figure(JsonArray data, string composedTitle, string xTitle, string yTitle, string? barMode, bool dateAxis = false)
    {
        var xaxis = new JsonObject { ["title"] = new JsonObject { ["text"] = xTitle } };
        if (dateAxis)
        {
            xaxis["type"] = "date";
        }

        var layout = new JsonObject
        {
            ["title"] = Title(composedTitle),
            ["xaxis"] = xaxis,
            ["yaxis"] = new JsonObject { ["title"] = new JsonObject { ["text"] = yTitle } },
        };
        if (barMode is not null)
        {
            layout["barmode"] = barMode;
        }

        return new JsonObject { ["data"] = data, ["layout"] = layout };
    }

    private JsonObject Title(string composed) => new() { ["text"] = _title ?? composed };

    private string Name(int ordinal) => _columns[ordinal].Name;

    private static JsonValue? Value(object? value) => Number(value) is { } number && double.IsFinite(number) ? JsonValue.Create(number) : null;

    private static string Time(object? value) => value switch
    {
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime time => time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        DateTimeOffset offset => offset.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        string text => text.Replace('T', ' '),
        null => string.Empty,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private static JsonArray Array(IEnumerable<JsonNode?> items) => new([.. items]);
}
