namespace Gateway.Audit.Trail;

/// <summary>The checks one record must pass given its predecessor; shared by every store's verification.</summary>
public static class AuditChainCheck
{
    /// <summary>Null when the record holds; otherwise why it does not.</summary>
    public static string? Check(AuditRecord record, long expectedId, string expectedPreviousHash)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Id != expectedId)
        {
            return $"expected record {expectedId} next but found {record.Id}: records were removed or inserted";
        }

        if (!string.Equals(record.PreviousHash, expectedPreviousHash, StringComparison.Ordinal))
        {
            return "its previous-hash link does not match the preceding record's hash";
        }

        var computed = AuditChain.ComputeHash(record);
        return string.Equals(computed, record.Hash, StringComparison.Ordinal)
            ? null
            : "its contents do not match its hash: the record was modified after it was written";
    }
}
