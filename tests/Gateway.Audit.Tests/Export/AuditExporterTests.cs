using System.Text;
using System.Text.Json;
using Gateway.Audit.Export;
using Gateway.Audit.Trail;

namespace Gateway.Audit.Tests.Export;

public sealed class AuditExporterTests
{
    private static AuditRecord Record(long id, string sql) => AuditRecord.FromEvent(
        Gateway.Audit.Tests.Trail.AuditStoreContract.Event() with { GeneratedSql = sql },
        id, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), AuditChain.GenesisHash);

    private static async IAsyncEnumerable<AuditRecord> Records(params AuditRecord[] records)
    {
        foreach (var record in records)
        {
            await Task.Yield();
            yield return record;
        }
    }

    private static async Task<string> ExportAsync(AuditExportFormat format, params AuditRecord[] records)
    {
        using var buffer = new MemoryStream();
        await AuditExporter.WriteAsync(Records(records), format, buffer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    [Fact]
    public async Task Jsonl_writes_one_parseable_object_per_record()
    {
        var text = await ExportAsync(AuditExportFormat.Jsonl, Record(1, "SELECT 1"), Record(2, "SELECT\n2"));

        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        using var second = JsonDocument.Parse(lines[1]);
        Assert.Equal("SELECT\n2", second.RootElement.GetProperty("generatedSql").GetString());
        Assert.Equal(2, second.RootElement.GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Csv_quotes_fields_holding_commas_quotes_and_newlines()
    {
        var text = await ExportAsync(AuditExportFormat.Csv, Record(1, "SELECT \"a\", b\nFROM t"));

        var header = text[..text.IndexOf('\n', StringComparison.Ordinal)];
        Assert.StartsWith("id,time,principal,source,question,generated_sql", header, StringComparison.Ordinal);
        Assert.Contains(",\"SELECT \"\"a\"\", b\nFROM t\",", text, StringComparison.Ordinal);
    }
}
