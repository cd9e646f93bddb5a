namespace Gateway.Audit.Trail;

/// <summary>Which records a listing or export covers; every criterion is optional and they combine with AND.</summary>
public sealed record AuditFilter
{
    public string? Principal { get; init; }
    public string? Source { get; init; }
    public AuditVerdict? Verdict { get; init; }
    public string? Rule { get; init; }

    /// <summary>Inclusive lower bound on <see cref="AuditRecord.Time"/>.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Exclusive upper bound on <see cref="AuditRecord.Time"/>.</summary>
    public DateTimeOffset? To { get; init; }

    public static AuditFilter All { get; } = new();
}
