namespace Gateway.Audit.Trail;

/// <summary>
/// One stored audit record: the <see cref="AuditEvent"/> fields plus what the store assigned. <see cref="Hash"/>
/// is SHA-256 over the canonical form of every other field, <see cref="PreviousHash"/> included, so editing,
/// inserting or removing a record breaks the chain from that point on.
/// </summary>
public sealed record AuditRecord
{
    /// <summary>Position in the chain, from 1, without gaps.</summary>
    public required long Id { get; init; }

    /// <summary>When the store wrote it, UTC.</summary>
    public required DateTimeOffset Time { get; init; }

    public required string Principal { get; init; }
    public required string Source { get; init; }
    public string? Question { get; init; }
    public string? GeneratedSql { get; init; }
    public string? ExecutedSql { get; init; }
    public required AuditVerdict Verdict { get; init; }
    public string? Rule { get; init; }
    public long? RowCount { get; init; }
    public double DurationMs { get; init; }
    public string? ErrorCode { get; init; }
    public string? TraceId { get; init; }
    public string? ModelId { get; init; }

    /// <summary>The previous record's <see cref="Hash"/>; <see cref="AuditChain.GenesisHash"/> for the first.</summary>
    public required string PreviousHash { get; init; }

    /// <summary>Lower-case hex SHA-256 of <see cref="AuditChain.Canonicalize"/>.</summary>
    public required string Hash { get; init; }

    internal static AuditRecord FromEvent(AuditEvent e, long id, DateTimeOffset time, string previousHash)
    {
        var unsealed = new AuditRecord
        {
            Id = id,
            Time = time,
            Principal = e.Principal,
            Source = e.Source,
            Question = e.Question,
            GeneratedSql = e.GeneratedSql,
            ExecutedSql = e.ExecutedSql,
            Verdict = e.Verdict,
            Rule = e.Rule,
            RowCount = e.RowCount,
            DurationMs = e.DurationMs,
            ErrorCode = e.ErrorCode,
            TraceId = e.TraceId,
            ModelId = e.ModelId,
            PreviousHash = previousHash,
            Hash = string.Empty,
        };
        return unsealed with { Hash = AuditChain.ComputeHash(unsealed) };
    }
}
