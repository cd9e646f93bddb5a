using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gateway.Presentation.Charts;

/// <summary>
/// A proposed chart: its kind, why it was chosen (or why none fits), and the Plotly figure
/// (<c>{"data": [...], "layout": {...}}</c>), null when <see cref="Type"/> is <see cref="ChartKind.None"/>.
/// </summary>
public sealed record ChartSpec(ChartKind Type, string Reason, JsonObject? Figure)
{
    public static ChartSpec None(string reason) => new(ChartKind.None, reason, null);

    /// <summary>Writes <c>{"type","reason","figure"}</c>.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("type", Type.ToName());
        writer.WriteString("reason", Reason);
        writer.WritePropertyName("figure");
        if (Figure is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            Figure.WriteTo(writer);
        }

        writer.WriteEndObject();
    }
}
