using System.Text.Json;
using Gateway.Execution.Conversion;
using Gateway.Execution.Results;

namespace Gateway.Ask;

/// <summary>
/// Writes an <see cref="AskResult"/> as the one JSON object <c>POST /v1/ask</c>, the MCP <c>ask</c> tool and
/// <c>gateway ask --json</c> share: <c>question, route, sql, dialect, verdict, columns, rows, row_count, truncated,
/// chart, analysis, candidates_tried, timings_ms, audit_id, conversation_id</c>, plus <c>source, answer, code, error,
/// rule, generated_sql, candidates, model_id, trace_id</c>. Cells and columns are written by the execution stage's own
/// writers, so values look exactly as in <c>/v1/sql</c>.
/// </summary>
public static class AskResultJson
{
    private static readonly JsonSerializerOptions SummaryOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static void Write(Utf8JsonWriter writer, AskResult result)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        writer.WriteStartObject();
        writer.WriteString("question", result.Question);
        writer.WriteString("route", result.Route.ToName());
        writer.WriteString("source", result.Source);
        writer.WriteString("dialect", result.Dialect);
        writer.WriteString("sql", result.Sql);
        writer.WriteString("generated_sql", result.GeneratedSql);
        writer.WriteString("verdict", result.Verdict.ToName());
        JsonRowsSink.WriteColumns(writer, result.Columns);
        writer.WriteStartArray("rows");
        foreach (var row in result.Rows)
        {
            writer.WriteStartArray();
            foreach (var cell in row)
            {
                CellWriter.Write(writer, cell);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndArray();
        writer.WriteNumber("row_count", result.RowCount);
        writer.WriteBoolean("truncated", result.Truncated);
        writer.WritePropertyName("chart");
        if (result.Chart is { } chart)
        {
            chart.WriteTo(writer);
        }
        else
        {
            writer.WriteNullValue();
        }

        writer.WritePropertyName("analysis");
        if (result.Analysis is { } analysis)
        {
            writer.WriteStartObject();
            writer.WritePropertyName("summary");
            JsonSerializer.Serialize(writer, analysis.Summary, SummaryOptions);
            writer.WriteString("text", string.Join(" ", analysis.Summary.Sentences));
            writer.WriteString("written", analysis.Written);
            writer.WriteString("written_by", analysis.WrittenBy);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNullValue();
        }

        writer.WriteString("answer", result.Answer);
        writer.WriteString("code", result.Code);
        writer.WriteString("error", result.Error);
        writer.WriteString("rule", result.Rule);
        writer.WriteNumber("candidates_tried", result.CandidatesTried);
        writer.WriteStartArray("candidates");
        foreach (var candidate in result.Candidates)
        {
            writer.WriteStartObject();
            writer.WriteString("kind", candidate.Kind);
            writer.WriteString("sql", candidate.Sql);
            writer.WriteString("outcome", candidate.Outcome);
            writer.WriteString("error", candidate.Error);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteString("model_id", result.ModelId);
        writer.WriteStartObject("timings_ms");
        foreach (var (stage, milliseconds) in result.TimingsMs)
        {
            writer.WriteNumber(stage, milliseconds);
        }

        writer.WriteEndObject();
        writer.WriteNumber("audit_id", result.AuditId);
        writer.WriteString("conversation_id", result.ConversationId);
        writer.WriteString("trace_id", result.TraceId);
        writer.WriteEndObject();
    }

    public static string Serialize(AskResult result, bool indented = false)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            Write(writer, result);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
