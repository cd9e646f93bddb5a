using System.Text.Json;
using Gateway.Audit.Trail;

namespace Gateway.Audit.Export;

/// <summary>
/// The record's wire shape, shared by the API, <c>gateway audit --json</c> and JSONL export, so a record reads the
/// same everywhere. Written by hand rather than reflected so the field names are a fixed contract.
/// </summary>
public static class AuditRecordJson
{
    public static void Write(Utf8JsonWriter writer, AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(record);
        writer.WriteStartObject();
        writer.WriteNumber("id", record.Id);
        writer.WriteString("time", record.Time.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        writer.WriteString("principal", record.Principal);
        writer.WriteString("source", record.Source);
        WriteNullable(writer, "question", record.Question);
        WriteNullable(writer, "generatedSql", record.GeneratedSql);
        WriteNullable(writer, "executedSql", record.ExecutedSql);
        writer.WriteString("verdict", record.Verdict.ToName());
        WriteNullable(writer, "rule", record.Rule);
        if (record.RowCount is { } rows)
        {
            writer.WriteNumber("rowCount", rows);
        }
        else
        {
            writer.WriteNull("rowCount");
        }

        writer.WriteNumber("durationMs", record.DurationMs);
        WriteNullable(writer, "errorCode", record.ErrorCode);
        WriteNullable(writer, "traceId", record.TraceId);
        WriteNullable(writer, "modelId", record.ModelId);
        writer.WriteString("previousHash", record.PreviousHash);
        writer.WriteString("hash", record.Hash);
        writer.WriteEndObject();
    }

    public static string Serialize(AuditRecord record)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, record);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteNullable(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
