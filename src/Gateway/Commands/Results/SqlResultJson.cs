using System.Text.Json;
using Gateway.Execution.Conversion;
using Gateway.Execution.Results;
using Gateway.Presentation.Charts;

namespace Gateway.Commands.Results;

/// <summary><c>gateway sql --json</c>: <c>{sql, source, columns, rows, row_count, truncated, chart, elapsed_ms}</c>.</summary>
internal static class SqlResultJson
{
    public static async Task WriteAsync(Stream stream, string sql, string source, BufferedResultSink result, ExecutionSummary summary, ChartSpec chart, CancellationToken cancellationToken)
    {
        var writer = new Utf8JsonWriter(stream, ResultJson.WriterOptions);
        await using (writer.ConfigureAwait(false))
        {
            writer.WriteStartObject();
            writer.WriteString("sql", sql);
            writer.WriteString("source", source);
            JsonRowsSink.WriteColumns(writer, summary.Columns);
            writer.WriteStartArray("rows");
            foreach (var row in result.Rows)
            {
                writer.WriteStartArray();
                foreach (var value in row)
                {
                    CellWriter.Write(writer, value);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndArray();
            writer.WriteNumber("row_count", summary.RowCount);
            writer.WriteBoolean("truncated", summary.Truncated);
            writer.WritePropertyName("chart");
            chart.WriteTo(writer);
            writer.WriteNumber("elapsed_ms", Math.Round(summary.Elapsed.TotalMilliseconds, 1));
            writer.WriteEndObject();
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
