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
}
