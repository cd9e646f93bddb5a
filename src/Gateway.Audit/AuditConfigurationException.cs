namespace Gateway.Audit;

/// <summary>The <c>audit</c> section cannot be used as given. The message names the setting, never a secret.</summary>
public sealed class AuditConfigurationException : Exception
{
    public AuditConfigurationException() { }

    public AuditConfigurationException(string message) : base(message) { }

    public AuditConfigurationException(string message, Exception inner) : base(message, inner) { }
}
