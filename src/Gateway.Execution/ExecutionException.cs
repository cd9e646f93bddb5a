namespace Gateway.Execution;

/// <summary>
/// A failure of the execute stage with a stable <see cref="ErrorCode"/>. The message names the source, never its
/// connection string; the engine's own exception (a <c>DbException</c>) is kept as the inner exception.
/// </summary>
public sealed class ExecutionException : Exception
{
    public ExecutionException(ExecutionErrorCode errorCode, string message, Exception? innerException = null, string? sqlState = null)
        : base(message, innerException)
    {
        ErrorCode = errorCode;
        SqlState = sqlState;
    }

    public ExecutionException()
        : this(ExecutionErrorCode.QueryFailed, "The query failed.")
    {
    }

    public ExecutionException(string message)
        : this(ExecutionErrorCode.QueryFailed, message)
    {
    }

    public ExecutionException(string message, Exception innerException)
        : this(ExecutionErrorCode.QueryFailed, message, innerException)
    {
    }

    public ExecutionErrorCode ErrorCode { get; }

    /// <summary>The engine's SQLSTATE or error number, when it gave one.</summary>
    public string? SqlState { get; }

    /// <summary>Worth retrying: only the source being briefly unreachable is.</summary>
    public bool IsTransient => ErrorCode == ExecutionErrorCode.Unavailable;
}
