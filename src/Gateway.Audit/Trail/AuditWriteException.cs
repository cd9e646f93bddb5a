namespace Gateway.Audit.Trail;

/// <summary>
/// The record could not be made durable. Callers must refuse the request: nothing may be answered unaudited.
/// </summary>
public sealed class AuditWriteException : Exception
{
    public AuditWriteException() { }

    public AuditWriteException(string message) : base(message) { }

    public AuditWriteException(string message, Exception inner) : base(message, inner) { }
}
