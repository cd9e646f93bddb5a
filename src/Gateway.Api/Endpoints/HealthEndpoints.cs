using Gateway.Api.Sources;
using Gateway.Api.Telemetry;
using Gateway.Audit.Keys;
using Gateway.Audit.Trail;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Gateway.Api.Endpoints;

/// <summary>
/// <c>/healthz</c>: the process answers. <c>/readyz</c>: it can also do its job, which means the audit trail and the
/// key store can be read (a gateway that cannot audit must not take traffic) and every source answers <c>SELECT 1</c>.
/// </summary>
internal static class HealthEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Ok(new { status = "ok" })).AllowAnonymous().WithName("Health").ExcludeFromDescription();
        app.MapGet("/readyz", ReadyAsync).AllowAnonymous().WithName("Ready").ExcludeFromDescription();
    }

    private static async Task<IResult> ReadyAsync(HttpContext context, IAuditStore audit, IApiKeyStore keys, SourceCatalog catalog, SourceProbe probe, ILoggerFactory loggers)
    {
        try
        {
            await audit.QueryAsync(AuditFilter.All, null, 1, context.RequestAborted).ConfigureAwait(false);
            await keys.ListAsync(context.RequestAborted).ConfigureAwait(false);
            // Names and status only: an anonymous probe must not learn more than whether each source answers.
            var sources = await probe.CheckAllAsync(catalog.All, context.RequestAborted).ConfigureAwait(false);
            var listed = sources.Select(s => new { name = s.Name, reachable = s.Reachable, error = s.Error }).ToArray();
            return sources.All(s => s.Reachable)
                ? Results.Ok(new { status = "ready", sources = listed })
                : Results.Json(new { status = "unavailable", reason = "a source does not answer", sources = listed }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        // DbException: SQLite and PostgreSQL alike (an unreachable audit database, a locked file).
        catch (Exception ex) when (ex is System.Data.Common.DbException or IOException or UnauthorizedAccessException or TimeoutException)
        {
            // The log gets the cause; the anonymous probe a fixed reason, since a database error names hosts and users.
            ApiLog.NotReady(loggers.CreateLogger(typeof(HealthEndpoints).FullName!), ex);
            return Results.Json(new { status = "unavailable", reason = "the audit trail or the key store cannot be read" }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
