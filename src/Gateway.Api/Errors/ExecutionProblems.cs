using Gateway.Execution;
using Microsoft.AspNetCore.Http;

namespace Gateway.Api.Errors;

/// <summary>
/// The execute stage's <see cref="ExecutionErrorCode"/>s as problems: timeout 504, unavailable 503, permission denied
/// 403, query failed 422, each with its stable <see cref="GatewayErrorCodes"/> code. The message names the source,
/// never its connection string.
/// </summary>
internal static class ExecutionProblems
{
    public static ApiProblemException From(ExecutionException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var (status, code) = Map(exception.ErrorCode);
        return new ApiProblemException(status, code, exception.Message);
    }

    public static (int Status, string Code) Map(ExecutionErrorCode code) => code switch
    {
        ExecutionErrorCode.Timeout => (StatusCodes.Status504GatewayTimeout, GatewayErrorCodes.ExecutionTimeout),
        ExecutionErrorCode.Unavailable => (StatusCodes.Status503ServiceUnavailable, GatewayErrorCodes.SourceUnavailable),
        ExecutionErrorCode.PermissionDenied => (StatusCodes.Status403Forbidden, GatewayErrorCodes.ExecutionPermissionDenied),
        ExecutionErrorCode.QueryFailed => (StatusCodes.Status422UnprocessableEntity, GatewayErrorCodes.QueryFailed),
        _ => (StatusCodes.Status500InternalServerError, GatewayErrorCodes.ExecutionFailed),
    };
}
