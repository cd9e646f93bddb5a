using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Gateway.Audit.Trail;

/// <summary>
/// The hash chain's definition, in one place: the canonical serialisation of a record and its SHA-256. Changing
/// anything here invalidates every existing trail, so the format carries a version tag.
/// </summary>
public static class AuditChain
{
    /// <summary>The <see cref="AuditRecord.PreviousHash"/> of the first record.</summary>
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    private const string FormatVersion = "gateway-audit-v1";

    /// <summary>
    /// A JSON array of every field but <see cref="AuditRecord.Hash"/>, in a fixed order, nulls explicit, the time as
    /// UTC ticks and numbers in invariant round-trip form: the same record always gives the same bytes.
    /// </summary>
    public static byte[] Canonicalize(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writer.WriteStringValue(FormatVersion);
            writer.WriteNumberValue(record.Id);
            writer.WriteNumberValue(record.Time.UtcTicks);
            writer.WriteStringValue(record.Principal);
            writer.WriteStringValue(record.Source);
            WriteNullable(writer, record.Question);
            WriteNullable(writer, record.GeneratedSql);
            WriteNullable(writer, record.ExecutedSql);
            writer.WriteStringValue(record.Verdict.ToName());
            WriteNullable(writer, record.Rule);
            if (record.RowCount is { } rows)
            {
                writer.WriteNumberValue(rows);
            }
            else
            {
                writer.WriteNullValue();
            }

            // As a string: the JSON writer's number form is not specified to be stable across runtimes.
            writer.WriteStringValue(record.DurationMs.ToString("R", CultureInfo.InvariantCulture));
            WriteNullable(writer, record.ErrorCode);
            WriteNullable(writer, record.TraceId);
            WriteNullable(writer, record.ModelId);
            writer.WriteStringValue(record.PreviousHash);
            writer.WriteEndArray();
        }

        return buffer.ToArray();
    }

    public static string ComputeHash(AuditRecord record) =>
        Convert.ToHexStringLower(SHA256.HashData(Canonicalize(record)));

    private static void WriteNullable(Utf8JsonWriter writer, string? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }
}
