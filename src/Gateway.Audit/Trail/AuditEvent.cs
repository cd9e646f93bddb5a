namespace Gateway.Audit.Trail;

/// <summary>
/// What a stage reports to the audit trail. The store assigns the id, the time and the chain hashes, so a caller
/// can neither backdate a record nor choose where it sits in the chain.
/// </summary>
public sealed record AuditEvent
{
    /// <summary>Required. Who asked: the API key's principal name, <c>local</c> for anonymous loopback use, or <c>cli</c>.</summary>
    public required string Principal { get; init; }

    /// <summary>Required. The data source or dialect the request named (e.g. <c>shop</c> or <c>dialect:postgres</c>).</summary>
    public required string Source { get; init; }

    /// <summary>Optional. The natural-language question, when there was one.</summary>
    public string? Question { get; init; }

    /// <summary>Optional. The SQL as submitted or generated, before validation.</summary>
    public string? GeneratedSql { get; init; }

    /// <summary>Optional. The SQL that ran (or would run): the validator's rewritten text.</summary>
    public string? ExecutedSql { get; init; }

    public required AuditVerdict Verdict { get; init; }

    /// <summary>The rule id of a rejection; null otherwise.</summary>
    public string? Rule { get; init; }

    /// <summary>Rows returned, when the SQL ran.</summary>
    public long? RowCount { get; init; }

    /// <summary>Wall time of the whole request in milliseconds.</summary>
    public double DurationMs { get; init; }

    /// <summary>The stable error code (<c>GatewayErrorCodes</c>) of an error; null otherwise.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>The W3C trace id of the request, joining the record to its spans and logs.</summary>
    public string? TraceId { get; init; }

    /// <summary>The model that generated the SQL, when one did.</summary>
    public string? ModelId { get; init; }
}
