using System.Diagnostics;
using Gateway.Api.Errors;
using Gateway.Audit.Keys;
using Gateway.Audit.Telemetry;
using Gateway.Audit.Trail;
using Gateway.Sql.Dialects;
using Gateway.Sql.Policy;
using Gateway.Sql.Validation;

namespace Gateway.Api.Validation;

/// <summary>
/// The validate stage as both the REST endpoint and the MCP tool run it: resolve the dialect and check the source
/// right, judge the SQL, record the outcome in the audit trail, and only then answer. Refusals before judging are
/// audited too, as errors, so the trail shows every attempt an authenticated caller made.
/// </summary>
internal sealed class ValidationService(
    ISqlValidator validator,
    SqlPolicy policy,
    SqlTargetResolver targets,
    IAuditStore audit,
    GatewayMetrics metrics,
    TimeProvider time)
{
    public const string Operation = "validate";

    // Audit appends take no cancellation: once a request has been judged, its record is written even if the client left.

    public async Task<ValidateResponse> ValidateAsync(GatewayPrincipal principal, ValidateRequest request, CancellationToken cancellationToken = default)
    {
        var started = time.GetTimestamp();
        using var activity = GatewayActivitySource.Source.StartActivity("gateway.validate");
        activity?.SetTag("gateway.principal", principal.Name);
        string sourceLabel = request.Source ?? (request.Dialect is { } d ? $"dialect:{d}" : "unspecified");
        try
        {
            var (dialect, source) = targets.Resolve(principal, request.Sql, request.Dialect, request.Source);
            sourceLabel = source?.Name ?? $"dialect:{dialect.ToName()}";
            activity?.SetTag("db.system.name", dialect.ToName());
            var verdict = validator.Validate(request.Sql!, dialect, policy);
            metrics.StageCompleted(Operation, time.GetElapsedTime(started));
            activity?.SetTag("gateway.verdict", verdict.Allowed ? "allowed" : "rejected");
            if (!verdict.Allowed)
            {
                activity?.SetTag("gateway.rule", verdict.Rule);
                metrics.Rejected(verdict.Rule ?? "unknown");
            }

            var record = await audit.AppendAsync(new AuditEvent
            {
                Principal = principal.Name,
                Source = sourceLabel,
                GeneratedSql = request.Sql,
                ExecutedSql = verdict.Allowed ? verdict.Sql : null,
                Verdict = verdict.Allowed ? AuditVerdict.Allowed : AuditVerdict.Rejected,
                Rule = verdict.Rule,
                DurationMs = time.GetElapsedTime(started).TotalMilliseconds,
                TraceId = activity?.TraceId.ToString() ?? Activity.Current?.TraceId.ToString(),
            }, CancellationToken.None).ConfigureAwait(false);
            metrics.RequestCompleted(Operation, verdict.Allowed ? "allowed" : "rejected");

            return new ValidateResponse
            {
                Allowed = verdict.Allowed,
                Rule = verdict.Rule,
                Message = verdict.Message,
                Position = verdict.Position,
                Fragment = verdict.Fragment,
                Sql = verdict.Sql,
                Dialect = dialect.ToName(),
                Source = source?.Name,
                AuditId = record.Id,
            };
        }
        catch (ApiProblemException ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Code);
            await audit.AppendAsync(new AuditEvent
            {
                Principal = principal.Name,
                Source = sourceLabel,
                GeneratedSql = request.Sql,
                Verdict = AuditVerdict.Error,
                ErrorCode = ex.Code,
                DurationMs = time.GetElapsedTime(started).TotalMilliseconds,
                TraceId = activity?.TraceId.ToString(),
            }, CancellationToken.None).ConfigureAwait(false);
            metrics.RequestCompleted(Operation, "error");
            throw;
        }
    }
}
