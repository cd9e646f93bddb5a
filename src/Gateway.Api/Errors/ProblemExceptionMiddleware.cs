using Gateway.Api.Telemetry;
using Gateway.Audit.Trail;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Gateway.Api.Errors;

/// <summary>
/// Turns the gateway's typed failures into problem+json: <see cref="ApiProblemException"/> as itself,
/// <see cref="AuditWriteException"/> as 503 (a request that cannot be audited is refused, never answered), anything
/// else as 500 without internals.
/// </summary>
internal sealed class ProblemExceptionMiddleware(RequestDelegate next, ILogger<ProblemExceptionMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (ApiProblemException ex) when (!context.Response.HasStarted)
        {
            await Problems.WriteAsync(context, ex.Status, ex.Code, ex.Message, ex.Extensions).ConfigureAwait(false);
        }
        catch (AuditWriteException ex) when (!context.Response.HasStarted)
        {
            ApiLog.AuditRefused(logger, context.Request.Path, ex);
            await Problems.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, GatewayErrorCodes.AuditUnavailable,
                "The request was refused because its audit record could not be written.").ConfigureAwait(false);
        }
        catch (Exception ex) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            ApiLog.Unhandled(logger, context.Request.Path, ex);
            await Problems.WriteAsync(context, StatusCodes.Status500InternalServerError, GatewayErrorCodes.Internal,
                "The gateway failed to handle the request; the trace id identifies it in the logs.").ConfigureAwait(false);
        }
    }
}
