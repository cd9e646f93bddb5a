namespace Gateway.Execution.Sources;

/// <summary>A source spec (<c>NAME=PROVIDER:CONNECTION_STRING</c>) that cannot be used; the message never quotes the connection string.</summary>
public sealed class SourceSpecException : Exception
{
    public SourceSpecException(string message)
        : base(message)
    {
    }

    public SourceSpecException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SourceSpecException()
    {
    }
}
