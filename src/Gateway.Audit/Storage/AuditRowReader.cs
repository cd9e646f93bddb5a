using System.Data.Common;
using Gateway.Audit.Trail;

namespace Gateway.Audit.Storage;

/// <summary>Maps a row selected with <see cref="AuditColumns.Names"/> back to an <see cref="AuditRecord"/>, in either engine.</summary>
internal static class AuditRowReader
{
    public static AuditRecord Read(DbDataReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var verdictName = reader.GetString(7);
        // An unknown verdict is stored tampering; keep it readable so verification can report the record.
        var verdict = AuditVerdictNames.TryParse(verdictName, out var parsed) ? parsed : (AuditVerdict)(-1);
        return new AuditRecord
        {
            Id = reader.GetInt64(0),
            Time = new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero),
            Principal = reader.GetString(2),
            Source = reader.GetString(3),
            Question = NullableString(reader, 4),
            GeneratedSql = NullableString(reader, 5),
            ExecutedSql = NullableString(reader, 6),
            Verdict = verdict,
            Rule = NullableString(reader, 8),
            RowCount = reader.IsDBNull(9) ? null : reader.GetInt64(9),
            DurationMs = reader.GetDouble(10),
            ErrorCode = NullableString(reader, 11),
            TraceId = NullableString(reader, 12),
            ModelId = NullableString(reader, 13),
            PreviousHash = reader.GetString(14),
            Hash = reader.GetString(15),
        };
    }

    private static string? NullableString(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
