using System.Text.Json;
using System.Text.Json.Serialization;
using Gateway.Execution.Conversion;
using Gateway.Execution.Results;

namespace Gateway.Api.Execution;

/// <summary>
/// Writes <see cref="SqlResponse"/> with the execution stage's own cell and column writers, so HTTP clients get the
/// same values, in the same shape, as <c>gateway sql --json</c>. Responses are written, never read.
/// </summary>
internal sealed class SqlResponseJsonConverter : JsonConverter<SqlResponse>
{
    public override SqlResponse Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("A SqlResponse is written by the gateway, never read.");

    public override void Write(Utf8JsonWriter writer, SqlResponse value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        writer.WriteString("sql", value.Sql);
        writer.WriteString("source", value.Source);
        JsonRowsSink.WriteColumns(writer, value.Columns);
        writer.WriteStartArray("rows");
        foreach (var row in value.Rows)
        {
            writer.WriteStartArray();
            foreach (var cell in row)
            {
                CellWriter.Write(writer, cell);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndArray();
        writer.WriteNumber("row_count", value.RowCount);
        writer.WriteBoolean("truncated", value.Truncated);
        writer.WritePropertyName("chart");
        value.Chart.WriteTo(writer);
        writer.WriteNumber("elapsed_ms", Math.Round(value.ElapsedMs, 1));
        writer.WriteNumber("audit_id", value.AuditId);
        writer.WriteString("trace_id", value.TraceId);
        writer.WriteEndObject();
    }
}
