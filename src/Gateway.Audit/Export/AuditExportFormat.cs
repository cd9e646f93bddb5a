namespace Gateway.Audit.Export;

public enum AuditExportFormat
{
    /// <summary>One JSON object per line, the <see cref="AuditRecordJson"/> shape.</summary>
    Jsonl,

    /// <summary>RFC 4180 CSV with a header row.</summary>
    Csv,
}

public static class AuditExportFormats
{
    public static bool TryParse(string? name, out AuditExportFormat format)
    {
        switch (name?.Trim().ToUpperInvariant())
        {
            case "JSONL":
                format = AuditExportFormat.Jsonl;
                return true;
            case "CSV":
                format = AuditExportFormat.Csv;
                return true;
            default:
                format = default;
                return false;
        }
    }

    public static string ContentType(this AuditExportFormat format) =>
        format == AuditExportFormat.Csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8";
}
