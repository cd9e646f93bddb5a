using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Xml;

namespace Gateway.Execution.Conversion;

/// <summary>
/// Writes one canonical cell value as JSON, faithfully: integers and decimals as exact numbers (a decimal keeps its
/// scale: 12.50 stays 12.50), booleans as booleans, dates and times as ISO 8601 text, intervals as ISO 8601
/// durations, binary as base64, NULL as null. Non-finite floats, which JSON cannot hold, become strings.
/// </summary>
public static class CellWriter
{
    public static void Write(Utf8JsonWriter writer, object? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case long integer:
                writer.WriteNumberValue(integer);
                break;
            case ulong unsigned:
                writer.WriteNumberValue(unsigned);
                break;
            case decimal exact:
                writer.WriteNumberValue(exact);
                break;
            case double real when double.IsFinite(real):
                writer.WriteNumberValue(real);
                break;
            case double real:
                writer.WriteStringValue(real.ToString(CultureInfo.InvariantCulture));
                break;
            case BigInteger big:
                writer.WriteRawValue(big.ToString(CultureInfo.InvariantCulture));
                break;
            case byte[] bytes:
                writer.WriteBase64StringValue(bytes);
                break;
            case DateOnly date:
                writer.WriteStringValue(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case TimeOnly time:
                writer.WriteStringValue(time.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture));
                break;
            case DateTime dateTime:
                writer.WriteStringValue(FormatDateTime(dateTime));
                break;
            case DateTimeOffset offset:
                writer.WriteStringValue(offset.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture));
                break;
            case TimeSpan duration:
                writer.WriteStringValue(XmlConvert.ToString(duration));
                break;
            case Guid guid:
                writer.WriteStringValue(guid.ToString("D"));
                break;
            case ExactNumber number:
                writer.WriteRawValue(number.Text);
                break;
            case JsonText json:
                WriteJson(writer, json.Text);
                break;
            case object?[] items:
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    /// <summary>UTC instants end in Z; local-less timestamps carry no offset, as the engine stored them.</summary>
    public static string FormatDateTime(DateTime value) => value.Kind == DateTimeKind.Utc
        ? value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture)
        : value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    private static void WriteJson(Utf8JsonWriter writer, string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            document.RootElement.WriteTo(writer);
        }
        catch (JsonException)
        {
            // An engine that lets malformed JSON into a json column (SQLite has no check) still gets its text through.
            writer.WriteStringValue(text);
        }
    }
}
