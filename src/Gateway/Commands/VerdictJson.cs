using System.Text;
using System.Text.Json;
using Gateway.Sql.Validation;

namespace Gateway.Commands;

/// <summary>The verdict's wire shape: <c>{"allowed","rule","message","position","fragment","sql"}</c>.</summary>
internal static class VerdictJson
{
    public static string Serialize(SqlVerdict verdict)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, verdict);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static void Write(Utf8JsonWriter writer, SqlVerdict verdict)
    {
        writer.WriteStartObject();
        writer.WriteBoolean("allowed", verdict.Allowed);
        WriteNullable(writer, "rule", verdict.Rule);
        WriteNullable(writer, "message", verdict.Message);
        if (verdict.Position is { } position)
        {
            writer.WriteNumber("position", position);
        }
        else
        {
            writer.WriteNull("position");
        }

        WriteNullable(writer, "fragment", verdict.Fragment);
        WriteNullable(writer, "sql", verdict.Sql);
        writer.WriteEndObject();
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
