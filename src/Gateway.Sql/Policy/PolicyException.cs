namespace Gateway.Sql.Policy;

/// <summary>A policy file that cannot be read or does not make sense; the message says which file and what is wrong.</summary>
public sealed class PolicyException : Exception
{
    public PolicyException(string message) : base(message) { }

    public PolicyException(string message, Exception inner) : base(message, inner) { }

    public PolicyException() { }
}
