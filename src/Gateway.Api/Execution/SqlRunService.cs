using System.Diagnostics;
using Gateway.Api.Errors;
using Gateway.Api.Validation;
using Gateway.Audit.Keys;
using Gateway.Audit.Telemetry;
using Gateway.Audit.Trail;
using Gateway.Execution;
using Gateway.Presentation.Charts;
using Gateway.Sql.Dialects;
using Gateway.Sql.Validation;
using Microsoft.AspNetCore.Http;

namespace Gateway.Api.Execution;

/// <summary>
/// <c>POST /v1/sql</c>'s pipeline: resolve the source (and the caller's grant), validate, run the validator's SQL
/// through <see cref="IQueryService"/>, then write one audit record for the whole request before answering.
/// Nothing reaches the query service that the validator did not allow.
/// </summary>
internal sealed class SqlRunService(
    SqlTargetResolver targets,
    SqlExecutionPath path,
    IQueryService queries,
    ChartSelector charts,
    IAuditStore audit,
    GatewayMetrics metrics,
    TimeProvider time)
{
    public const string Operation = "sql";

    public async Task<SqlResponse> RunAsync(GatewayPrincipal principal, SqlRequest request, CancellationToken cancellationToken = default)
    {
        var started = time.GetTimestamp();
        var entry = new AuditEvent
        {
            Principal = principal.Name,
            Source = request.Source ?? "unspecified",
            GeneratedSql = request.Sql,
            Verdict = AuditVerdict.Error,
            TraceId = Activity.Current?.TraceId.ToString(),
        };
        try
        {
            if (request.Source is null)
            {
                throw new ApiProblemException(StatusCodes.Status400BadRequest, GatewayErrorCodes.InvalidRequest, "The request needs a \"source\".");
            }

            var (dialect, source) = targets.Resolve(principal, request.Sql, dialectName: null, request.Source);
            SqlVerdict verdict;
            using (GatewayActivitySource.Source.StartActivity("gateway.validate"))
            {
                // The shared path writes the row cap one above the policy's, so truncation is seen (as in gateway sql).
                verdict = path.Validate(request.Sql!, dialect);
            }

            metrics.StageCompleted(ValidationService.Operation, time.GetElapsedTime(started));
            if (!verdict.Allowed)
            {
                metrics.Rejected(verdict.Rule ?? "unknown");
                entry = entry with { Verdict = AuditVerdict.Rejected, Rule = verdict.Rule };
                throw Rejection(verdict);
            }

            entry = entry with { ExecutedSql = verdict.Sql };
            var result = await ExecuteAsync(new QueryRequest(source!, verdict.Sql!, principal) { MaskedColumns = verdict.MaskedOutputColumns }, cancellationToken).ConfigureAwait(false);
            var record = await audit.AppendAsync(entry with
            {
                Verdict = AuditVerdict.Allowed,
                RowCount = result.RowCount,
                DurationMs = time.GetElapsedTime(started).TotalMilliseconds,
            }, CancellationToken.None).ConfigureAwait(false); // the query ran: its record is written even if the client left
            metrics.RequestCompleted(Operation, "allowed");
            return new SqlResponse
            {
                Source = source!.Name,
                Sql = verdict.Sql!,
                Columns = result.Columns,
                Rows = result.Rows,
                RowCount = result.RowCount,
                Truncated = result.Truncated,
                Chart = Chart(result),
                ElapsedMs = result.Elapsed.TotalMilliseconds,
                AuditId = record.Id,
                TraceId = entry.TraceId,
            };
        }
        catch (Exception ex) when (Classify(ex, cancellationToken) is { } code)
        {
            // Every refusal and failure is audited before the client hears of it.
            var record = await audit.AppendAsync(entry with
            {
                ErrorCode = entry.Verdict == AuditVerdict.Rejected ? null : code,
                DurationMs = time.GetElapsedTime(started).TotalMilliseconds,
            }, CancellationToken.None).ConfigureAwait(false);
            metrics.RequestCompleted(Operation, entry.Verdict == AuditVerdict.Rejected ? "rejected" : "error");
            throw ex switch
            {
                ApiProblemException problem => problem.WithAuditId(record.Id),
                QueryExecutionException failed => new ApiProblemException(
                    failed.IsTransient ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status422UnprocessableEntity,
                    failed.ErrorCode, failed.Message, new Dictionary<string, object?> { ["auditId"] = record.Id }),
                _ => ex,
            };
        }
    }

    private async Task<QueryResult> ExecuteAsync(QueryRequest request, CancellationToken cancellationToken)
    {
        var executeStarted = time.GetTimestamp();
        using var activity = GatewayActivitySource.Source.StartActivity("gateway.execute");
        activity?.SetTag("db.system.name", request.Source.Dialect.ToName());
        using var active = metrics.BeginQuery();
        var result = await queries.ExecuteAsync(request, cancellationToken).ConfigureAwait(false);
        metrics.StageCompleted("execute", time.GetElapsedTime(executeStarted));
        metrics.RowsReturned(result.RowCount);
        activity?.SetTag("db.response.returned_rows", result.RowCount);
        return result;
    }

    private ChartSpec Chart(QueryResult result)
    {
        var started = time.GetTimestamp();
        using var activity = GatewayActivitySource.Source.StartActivity("gateway.chart");
        var chart = charts.Select(result.Columns, result.Rows);
        activity?.SetTag("gateway.chart.type", chart.Type.ToName());
        metrics.StageCompleted("chart", time.GetElapsedTime(started));
        return chart;
    }

    /// <summary>The audit error code for a failure this pipeline answers; null for the audit store's own failure.</summary>
    private static string? Classify(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        AuditWriteException => null,
        ApiProblemException problem => problem.Code,
        QueryExecutionException failed => failed.ErrorCode,
        OperationCanceledException when cancellationToken.IsCancellationRequested => GatewayErrorCodes.Cancelled,
        _ => GatewayErrorCodes.ExecutionFailed,
    };

    private static ApiProblemException Rejection(SqlVerdict verdict) => new(
        StatusCodes.Status422UnprocessableEntity, GatewayErrorCodes.SqlRejected, verdict.Message ?? "The SQL was rejected by policy.",
        new Dictionary<string, object?> { ["rule"] = verdict.Rule, ["position"] = verdict.Position, ["fragment"] = verdict.Fragment });
}
