namespace Gateway.Execution;

/// <summary>Stable error codes of the execute stage; clients and the audit trail match on <see cref="ExecutionErrorCodes"/> strings.</summary>
public enum ExecutionErrorCode
{
    /// <summary>The query ran past its time limit and was cancelled on the server.</summary>
    Timeout,

    /// <summary>The source could not be reached or opened.</summary>
    Unavailable,

    /// <summary>The engine refused: bad login, missing privilege, or a write inside the read-only transaction.</summary>
    PermissionDenied,

    /// <summary>The engine rejected or failed the query itself (syntax, unknown table, division by zero...).</summary>
    QueryFailed,
}

/// <summary>The wire names of <see cref="ExecutionErrorCode"/>.</summary>
public static class ExecutionErrorCodes
{
    public static string ToName(this ExecutionErrorCode code) => code switch
    {
        ExecutionErrorCode.Timeout => "timeout",
        ExecutionErrorCode.Unavailable => "unavailable",
        ExecutionErrorCode.PermissionDenied => "permission_denied",
        ExecutionErrorCode.QueryFailed => "query_failed",
        _ => throw new ArgumentOutOfRangeException(nameof(code)),
    };
}
