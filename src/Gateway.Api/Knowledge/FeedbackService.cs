using System.Diagnostics;
using Gateway.Api.Errors;
using Gateway.Audit.Keys;
using Gateway.Audit.Telemetry;
using Gateway.Audit.Trail;
using Gateway.Context.Knowledge;
using Microsoft.AspNetCore.Http;

namespace Gateway.Api.Knowledge;

/// <summary>
/// <c>POST /v1/feedback</c>: a confirmed answer (its SQL as generated) or a corrected one (the caller's SQL,
/// validated for the source's dialect first) becomes a question-SQL pair for the audited request's source. The
/// same answer confirmed twice is stored once. The feedback itself is audited.
/// </summary>
internal sealed class FeedbackService(KnowledgeTargets targets, KnowledgeService knowledge, IAuditStore audit, TimeProvider time)
{
    public async Task<FeedbackResponse> SubmitAsync(GatewayPrincipal principal, FeedbackRequest request, CancellationToken cancellationToken)
    {
        if (request.AuditId is not { } auditId)
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, GatewayErrorCodes.FeedbackInvalid, "The request needs \"audit_id\".");
        }

        if (request.Correct is not { } correct)
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, GatewayErrorCodes.FeedbackInvalid, "The request needs \"correct\": true or false.");
        }

        if (correct && request.CorrectedSql is not null)
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, GatewayErrorCodes.FeedbackInvalid, "\"corrected_sql\" goes with \"correct\": false.");
        }

        var answer = await audit.GetAsync(auditId, cancellationToken).ConfigureAwait(false)
            ?? throw new ApiProblemException(StatusCodes.Status404NotFound, GatewayErrorCodes.AuditNotFound, $"No audit record has id {auditId}.");

        var started = time.GetTimestamp();
        var entry = new AuditEvent
        {
            Principal = principal.Name,
            Source = answer.Source,
            Question = answer.Question,
            GeneratedSql = correct ? answer.GeneratedSql : request.CorrectedSql,
            Verdict = AuditVerdict.Error,
            TraceId = Activity.Current?.TraceId.ToString(),
        };
        try
        {
            using var activity = GatewayActivitySource.Source.StartActivity("gateway.feedback");
            var source = targets.Resolve(principal, answer.Source);
            var response = await StoreAsync(principal, source, answer, correct, request.CorrectedSql, cancellationToken).ConfigureAwait(false);
            await audit.AppendAsync(entry with { Verdict = AuditVerdict.Allowed, DurationMs = time.GetElapsedTime(started).TotalMilliseconds }, CancellationToken.None).ConfigureAwait(false);
            return response;
        }
        catch (Exception ex) when (KnowledgeApiService.ToProblem(ex) is { } problem)
        {
            var rejected = ex as KnowledgeSqlRejectedException;
            var record = await audit.AppendAsync(entry with
            {
                Verdict = rejected is null ? AuditVerdict.Error : AuditVerdict.Rejected,
                Rule = rejected?.Rule,
                ErrorCode = rejected is null ? problem.Code : null,
                DurationMs = time.GetElapsedTime(started).TotalMilliseconds,
            }, CancellationToken.None).ConfigureAwait(false);
            throw problem.WithAuditId(record.Id);
        }
    }

    private async Task<FeedbackResponse> StoreAsync(GatewayPrincipal principal, Sources.SourceDescriptor source, AuditRecord answer, bool correct, string? correctedSql, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(answer.Question))
        {
            throw new ApiProblemException(StatusCodes.Status422UnprocessableEntity, GatewayErrorCodes.FeedbackInvalid,
                $"Audit record {answer.Id} holds no question; only answers to questions become question-SQL pairs.");
        }

        string sql;
        if (correct)
        {
            if (answer.Verdict != AuditVerdict.Allowed || (answer.GeneratedSql ?? answer.ExecutedSql) is not { } answered)
            {
                throw new ApiProblemException(StatusCodes.Status422UnprocessableEntity, GatewayErrorCodes.FeedbackInvalid,
                    $"Audit record {answer.Id} holds no allowed SQL to confirm; send \"correct\": false with \"corrected_sql\".");
            }

            sql = answered;
        }
        else if (correctedSql is null)
        {
            return new FeedbackResponse { AuditId = answer.Id, Stored = false };
        }
        else
        {
            sql = correctedSql;
        }

        var existing = (await knowledge.ListAsync(source.Name, cancellationToken).ConfigureAwait(false))
            .FirstOrDefault(i => i.AuditId == answer.Id && string.Equals(i.Sql, sql.Trim(), StringComparison.Ordinal));
        var pair = existing ?? await knowledge.AddAsync(source.Name, source.Dialect, KnowledgeDraft.Pair(answer.Question, sql, answer.Id), principal.Name, cancellationToken).ConfigureAwait(false);
        return new FeedbackResponse { AuditId = answer.Id, Stored = true, Pair = KnowledgeItemResponse.From(pair) };
    }
}
