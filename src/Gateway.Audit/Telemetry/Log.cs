using Microsoft.Extensions.Logging;

namespace Gateway.Audit.Telemetry;

/// <summary>Every log message of the governance library, with stable event ids (1000-1099).</summary>
internal static partial class Log
{
    [LoggerMessage(1000, LogLevel.Error, "Audit record could not be written to {Location}")]
    public static partial void AuditWriteFailed(ILogger logger, string location, Exception exception);

    [LoggerMessage(1001, LogLevel.Information, "API key {KeyId} created for {Principal}")]
    public static partial void KeyCreated(ILogger logger, string keyId, string principal);

    [LoggerMessage(1002, LogLevel.Information, "API key {KeyId} revoked")]
    public static partial void KeyRevoked(ILogger logger, string keyId);
}
