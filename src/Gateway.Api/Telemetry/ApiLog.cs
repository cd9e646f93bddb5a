using Microsoft.Extensions.Logging;

namespace Gateway.Api.Telemetry;

/// <summary>Every log message of the front door, with stable event ids (2000-2099).</summary>
internal static partial class ApiLog
{
    [LoggerMessage(2000, LogLevel.Information, "Gateway listening on {Addresses}; anonymous local access {Anonymous}")]
    public static partial void Listening(ILogger logger, string addresses, string anonymous);

    [LoggerMessage(2001, LogLevel.Error, "Request to {Path} refused: its audit record could not be written")]
    public static partial void AuditRefused(ILogger logger, string path, Exception exception);

    [LoggerMessage(2002, LogLevel.Error, "Unhandled failure on {Path}")]
    public static partial void Unhandled(ILogger logger, string path, Exception exception);

    [LoggerMessage(2003, LogLevel.Warning, "Rejected an unknown or revoked API key from {RemoteAddress}")]
    public static partial void InvalidKey(ILogger logger, string? remoteAddress);

    [LoggerMessage(2004, LogLevel.Information, "Loaded model {Model} ({Format} chat format) in {Seconds:F1} s")]
    public static partial void ModelLoaded(ILogger logger, string model, string format, double seconds);

    [LoggerMessage(2005, LogLevel.Error, "Model {Model} could not be loaded")]
    public static partial void ModelLoadFailed(ILogger logger, string model, Exception exception);

    [LoggerMessage(2006, LogLevel.Error, "Generation with model {Model} failed")]
    public static partial void GenerationFailed(ILogger logger, string model, Exception exception);

    [LoggerMessage(2007, LogLevel.Warning, "Not ready: the audit trail or the key store cannot be read")]
    public static partial void NotReady(ILogger logger, Exception exception);
}
