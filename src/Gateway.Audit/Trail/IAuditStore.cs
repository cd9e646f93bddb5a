namespace Gateway.Audit.Trail;

/// <summary>
/// The append-only audit trail. SQLite is the built-in store; another engine (PostgreSQL) implements this same
/// contract. Implementations serialise appends so the chain stays linear under concurrency, and return only once
/// the record is durable.
/// </summary>
public interface IAuditStore
{
    /// <summary>Appends one record and returns it as stored; throws <see cref="AuditWriteException"/> when it cannot.</summary>
    Task<AuditRecord> AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default);

    Task<AuditRecord?> GetAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>One page of matching records, newest first; <paramref name="cursor"/> comes from the previous page.</summary>
    Task<AuditPage> QueryAsync(AuditFilter filter, string? cursor, int limit, CancellationToken cancellationToken = default);

    /// <summary>Every matching record, oldest first, read lazily so an export never holds the trail in memory.</summary>
    IAsyncEnumerable<AuditRecord> ReadAsync(AuditFilter filter, CancellationToken cancellationToken = default);

    /// <summary>Walks the whole chain in order and reports the first record that does not hold.</summary>
    Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default);
}
