namespace Gateway.Audit.Trail;

/// <summary>
/// One page of a listing, newest first. <see cref="NextCursor"/> is null on the last page; otherwise pass it back to
/// get the records after this page. Cursors stay valid as new records arrive, because they name a position in the chain.
/// </summary>
public sealed record AuditPage(IReadOnlyList<AuditRecord> Records, string? NextCursor);
