namespace Gateway.Audit.Trail;

/// <summary>
/// The append-only audit trail: embedded SQLite (<c>Sqlite/</c>) or a PostgreSQL database several gateway replicas
/// share (<c>Postgres/</c>). Implementations serialise appends so the chain stays linear under concurrency, across
/// processes too, and return only once the record is durable.
/// </summary>
public interface IAuditStore
{
    /// <summary>Where the trail lives, for messages: a file path, or a server, database and schema. Never a secret.</summary>
    string Location { get; }

    /// <summary>
    /// Whether a trail has been started here. Reading commands check this first, since reading otherwise creates an
    /// empty trail, and a mistyped location would then look like a clean one.
    /// </summary>
    Task<bool> ExistsAsync(CancellationToken cancellationToken = default);

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
