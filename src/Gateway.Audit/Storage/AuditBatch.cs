using System.Data.Common;
using Gateway.Audit.Trail;

namespace Gateway.Audit.Storage;

/// <summary>Seals a batch of events onto the tail of the chain: consecutive ids, each hash over its predecessor's.</summary>
internal static class AuditBatch
{
    public static AuditRecord[] Seal(IReadOnlyList<AuditEvent> events, long lastId, string previousHash, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(time);
        var records = new AuditRecord[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            records[i] = AuditRecord.FromEvent(events[i], lastId + 1 + i, time.GetUtcNow(), previousHash);
            previousHash = records[i].Hash;
        }

        return records;
    }

    /// <summary>
    /// Inside <paramref name="transaction"/> (which the caller has made the only writer and will commit): reads the
    /// committed tail of <paramref name="table"/>, seals <paramref name="events"/> onto it and inserts them.
    /// </summary>
    public static async Task<AuditRecord[]> InsertOnTailAsync(
        DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<AuditEvent> events, TimeProvider time)
    {
        var (lastId, previousHash) = await AuditTableReader.ReadTailAsync(connection, transaction, table).ConfigureAwait(false);
        var records = Seal(events, lastId, previousHash, time);
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = AuditColumns.InsertSql(table);
        foreach (var record in records)
        {
            AuditColumns.Bind(insert, record);
            await insert.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return records;
    }
}
