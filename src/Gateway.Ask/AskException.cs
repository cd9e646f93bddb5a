namespace Gateway.Ask;

/// <summary>An ask that could not be answered at all, with its stable <see cref="AskErrorCodes"/> code; the host maps it to a problem.</summary>
public sealed class AskException : Exception
{
    public AskException()
        : this(AskErrorCodes.GenerationFailed, "The question could not be answered.")
    {
    }

    public AskException(string message)
        : this(AskErrorCodes.GenerationFailed, message)
    {
    }

    public AskException(string message, Exception innerException)
        : this(AskErrorCodes.GenerationFailed, message, innerException)
    {
    }

    public AskException(string code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
    }

    public string Code { get; }

    /// <summary>The audit record written for the failed ask, once written.</summary>
    public long? AuditId { get; init; }
}
