namespace Gateway.Audit.Trail;

/// <summary>How a request ended, as the audit trail records it.</summary>
public enum AuditVerdict
{
    /// <summary>The SQL passed validation (and, where it ran, executed).</summary>
    Allowed,

    /// <summary>A policy rule refused the SQL; <see cref="AuditRecord.Rule"/> names it.</summary>
    Rejected,

    /// <summary>The request failed for another reason; <see cref="AuditRecord.ErrorCode"/> names it.</summary>
    Error,
}

/// <summary>The lower-case names the store, the API and the command line use for <see cref="AuditVerdict"/>.</summary>
public static class AuditVerdictNames
{
    public static string ToName(this AuditVerdict verdict) => verdict switch
    {
        AuditVerdict.Allowed => "allowed",
        AuditVerdict.Rejected => "rejected",
        AuditVerdict.Error => "error",
        // Only a tampered row holds another value; naming it keeps it printable and its hash still fails.
        _ => "unknown",
    };

    public static bool TryParse(string? name, out AuditVerdict verdict)
    {
        switch (name?.Trim().ToUpperInvariant())
        {
            case "ALLOWED":
                verdict = AuditVerdict.Allowed;
                return true;
            case "REJECTED":
                verdict = AuditVerdict.Rejected;
                return true;
            case "ERROR":
                verdict = AuditVerdict.Error;
                return true;
            default:
                verdict = default;
                return false;
        }
    }
}
