using System.Globalization;
using System.Text;
using Gateway.Audit.Trail;

namespace Gateway.Audit.Export;

/// <summary>
/// Streams records to a stream as they are read: memory stays flat however long the trail, and the first bytes
/// leave before the last record is read.
/// </summary>
public static class AuditExporter
{
    private static readonly string[] CsvHeader =
    [
        "id", "time", "principal", "source", "question", "generated_sql", "executed_sql", "verdict", "rule",
        "row_count", "duration_ms", "error_code", "trace_id", "model_id", "previous_hash", "hash",
    ];

    /// <summary>Flush every so many records so a slow consumer sees progress without a flush per line.</summary>
    private const int FlushEvery = 256;

    public static async Task<long> WriteAsync(IAsyncEnumerable<AuditRecord> records, AuditExportFormat format, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        var writer = new StreamWriter(output, new UTF8Encoding(false), bufferSize: 16 * 1024, leaveOpen: true) { NewLine = "\n" };
        await using (writer.ConfigureAwait(false))
        {
            return await WriteAsync(records, format, writer, cancellationToken).ConfigureAwait(false);
        }
    }

    public static async Task<long> WriteAsync(IAsyncEnumerable<AuditRecord> records, AuditExportFormat format, TextWriter writer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(writer);
        if (format == AuditExportFormat.Csv)
        {
            await writer.WriteAsync(string.Join(',', CsvHeader) + "\n").ConfigureAwait(false);
        }

        long count = 0;
        await foreach (var record in records.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var line = format == AuditExportFormat.Csv ? CsvLine(record) : AuditRecordJson.Serialize(record);
            // "\n" rather than WriteLine: the format's line ending must not depend on the writer's platform default.
            await writer.WriteAsync((line + "\n").AsMemory(), cancellationToken).ConfigureAwait(false);
            if (++count % FlushEvery == 0)
            {
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        return count;
    }

    internal static string CsvLine(AuditRecord r)
    {
        var invariant = CultureInfo.InvariantCulture;
        string?[] fields =
        [
            r.Id.ToString(invariant), r.Time.UtcDateTime.ToString("O", invariant), r.Principal, r.Source, r.Question,
            r.GeneratedSql, r.ExecutedSql, r.Verdict.ToName(), r.Rule, r.RowCount?.ToString(invariant),
            r.DurationMs.ToString("R", invariant), r.ErrorCode, r.TraceId, r.ModelId, r.PreviousHash, r.Hash,
        ];
        return string.Join(',', fields.Select(Quote));
    }

    /// <summary>RFC 4180 quoting; SQL text routinely holds commas, quotes and newlines.</summary>
    private static string Quote(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0
            ? string.Concat("\"", value.Replace("\"", "\"\"", StringComparison.Ordinal), "\"")
            : value;
    }
}
