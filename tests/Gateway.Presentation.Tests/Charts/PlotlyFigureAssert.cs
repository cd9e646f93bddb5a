using System.Text.Json.Nodes;

namespace Gateway.Presentation.Tests.Charts;

/// <summary>The parts of Plotly's figure schema the gateway relies on: traces of known types with matching arrays, and titled axes.</summary>
internal static class PlotlyFigureAssert
{
    private static readonly HashSet<string> TraceTypes = ["bar", "scatter", "pie", "histogram"];

    public static void Valid(JsonObject? figure)
    {
        Assert.NotNull(figure);
        var data = Assert.IsType<JsonArray>(figure["data"]);
        Assert.NotEmpty(data);
        var layout = Assert.IsType<JsonObject>(figure["layout"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)layout["title"]?["text"]), "layout.title.text is missing");
        var cartesian = false;
        foreach (var trace in data.Cast<JsonObject>())
        {
            var type = (string?)trace["type"];
            Assert.Contains(type!, TraceTypes);
            switch (type)
            {
                case "pie":
                    Assert.Equal(((JsonArray)trace["labels"]!).Count, ((JsonArray)trace["values"]!).Count);
                    break;
                case "histogram":
                    cartesian = true;
                    Assert.NotEmpty((JsonArray)trace["x"]!);
                    break;
                default:
                    cartesian = true;
                    Assert.Equal(((JsonArray)trace["x"]!).Count, ((JsonArray)trace["y"]!).Count);
                    break;
            }
        }

        if (cartesian)
        {
            Assert.False(string.IsNullOrWhiteSpace((string?)layout["xaxis"]?["title"]?["text"]), "xaxis title is missing");
            Assert.False(string.IsNullOrWhiteSpace((string?)layout["yaxis"]?["title"]?["text"]), "yaxis title is missing");
        }
    }
}
