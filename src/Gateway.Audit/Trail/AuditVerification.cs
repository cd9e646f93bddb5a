namespace Gateway.Audit.Trail;

/// <summary>
/// The result of walking the chain. When <see cref="Intact"/> is false, <see cref="BrokenId"/> is the first record
/// whose hash or link does not hold and <see cref="Reason"/> says which.
/// </summary>
public sealed record AuditVerification(bool Intact, long RecordsChecked, long? BrokenId, string? Reason)
{
    public static AuditVerification Ok(long count) => new(true, count, null, null);

    public static AuditVerification Broken(long checkedSoFar, long id, string reason) => new(false, checkedSoFar, id, reason);
}
