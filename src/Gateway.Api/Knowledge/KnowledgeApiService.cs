using System.Diagnostics;
using Gateway.Api.Auditing;
using Gateway.Api.Errors;
using Gateway.Audit.Keys;
using Gateway.Audit.Telemetry;
using Gateway.Audit.Trail;
using Gateway.Context.Knowledge;
using Gateway.Context.Retrieval;
using Microsoft.AspNetCore.Http;

namespace Gateway.Api.Knowledge;

/// <summary>
/// The knowledge endpoints' and MCP tools' rules: analysts add, readers list and search, admins or the item's author
/// delete. Every list, search, add and delete, refusals included, writes one audit record (a pair's question and SQL
/// in its question and SQL fields) before the client hears back.
/// </summary>
internal sealed class KnowledgeApiService(
    KnowledgeTargets targets, KnowledgeService knowledge, KnowledgeRetriever retriever, IAuditStore audit, AuditedReads audited, TimeProvider time)
{
    /// <summary>Longest search text accepted, in characters (as long as a question may be).</summary>
    public const int MaxQueryLength = 4000;

    public Task<IReadOnlyList<KnowledgeItemResponse>> ListAsync(GatewayPrincipal principal, string sourceName, CancellationToken cancellationToken) =>
        audited.RunAsync<IReadOnlyList<KnowledgeItemResponse>>(principal, sourceName, async () =>
        {
            var source = targets.Resolve(principal, sourceName);
            var items = await knowledge.ListAsync(source.Name, cancellationToken).ConfigureAwait(false);
            return [.. items.Select(KnowledgeItemResponse.From)];
        }, items => items.Count);

    /// <summary>The documentation and pairs closest to <paramref name="query"/>, ranked as the context stage ranks them.</summary>
    public Task<KnowledgeSearchResponse> SearchAsync(GatewayPrincipal principal, string sourceName, string query, CancellationToken cancellationToken) =>
        audited.RunAsync(principal, sourceName, async () =>
        {
            var source = targets.Resolve(principal, sourceName);
            if (string.IsNullOrWhiteSpace(query) || query.Length > MaxQueryLength)
            {
                throw new ApiProblemException(StatusCodes.Status400BadRequest, GatewayErrorCodes.InvalidRequest, $"The search needs a non-empty query of at most {MaxQueryLength} characters.");
            }

            var matches = await retriever.SearchAsync(source.Name, query, cancellationToken: cancellationToken).ConfigureAwait(false);
            return new KnowledgeSearchResponse
            {
                Documents = [.. matches.Documents.Select(KnowledgeSearchHit.From)],
                Examples = [.. matches.Examples.Select(KnowledgeSearchHit.From)],
            };
        }, found => found.Documents.Count + found.Examples.Count);

    public async Task<KnowledgeItemResponse> AddAsync(GatewayPrincipal principal, string sourceName, KnowledgeRequest request, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var entry = new AuditEvent
        {
            Principal = principal.Name,
            Source = sourceName,
            Question = request.Question,
            GeneratedSql = request.Sql,
            Verdict = AuditVerdict.Error,
            TraceId = Activity.Current?.TraceId.ToString(),
        };
        try
        {
            using var activity = GatewayActivitySource.Source.StartActivity("gateway.knowledge.add");
            var source = targets.Resolve(principal, sourceName);
            var item = await knowledge.AddAsync(source.Name, source.Dialect, Draft(request), principal.Name, cancellationToken).ConfigureAwait(false);
            await audit.AppendAsync(entry with { Verdict = AuditVerdict.Allowed, DurationMs = Elapsed(started) }, CancellationToken.None).ConfigureAwait(false);
            return KnowledgeItemResponse.From(item);
        }
        catch (Exception ex) when (ToProblem(ex) is { } problem)
        {
            var rejected = ex as KnowledgeSqlRejectedException;
            var record = await audit.AppendAsync(entry with
            {
                Verdict = rejected is null ? AuditVerdict.Error : AuditVerdict.Rejected,
                Rule = rejected?.Rule,
                ErrorCode = rejected is null ? problem.Code : null,
                DurationMs = Elapsed(started),
            }, CancellationToken.None).ConfigureAwait(false);
            throw problem.WithAuditId(record.Id);
        }
    }

    public async Task DeleteAsync(GatewayPrincipal principal, string sourceName, string id, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var entry = new AuditEvent { Principal = principal.Name, Source = sourceName, Verdict = AuditVerdict.Error, TraceId = Activity.Current?.TraceId.ToString() };
        try
        {
            var source = targets.Resolve(principal, sourceName);
            var item = await knowledge.GetAsync(source.Name, id, cancellationToken).ConfigureAwait(false)
                ?? throw new ApiProblemException(StatusCodes.Status404NotFound, GatewayErrorCodes.KnowledgeNotFound, $"Source '{source.Name}' has no knowledge item '{id}'.");
            if (!principal.Roles.HasFlag(GatewayRoles.Admin) && !string.Equals(principal.Name, item.Author, StringComparison.Ordinal))
            {
                throw new ApiProblemException(StatusCodes.Status403Forbidden, GatewayErrorCodes.Forbidden, "Only an admin or the item's author may delete it.");
            }

            entry = entry with { Question = item.Question, GeneratedSql = item.Sql };
            await knowledge.DeleteAsync(source.Name, id, cancellationToken).ConfigureAwait(false);
            await audit.AppendAsync(entry with { Verdict = AuditVerdict.Allowed, DurationMs = Elapsed(started) }, CancellationToken.None).ConfigureAwait(false);
        }
        catch (ApiProblemException problem)
        {
            var record = await audit.AppendAsync(entry with { ErrorCode = problem.Code, DurationMs = Elapsed(started) }, CancellationToken.None).ConfigureAwait(false);
            throw problem.WithAuditId(record.Id);
        }
    }

    /// <summary>A pair when it has a question or SQL; otherwise a doc, or a DDL note with <c>kind: ddl</c>.</summary>
    internal static KnowledgeDraft Draft(KnowledgeRequest request) =>
        KnowledgeDraft.FromFields(request.Kind, request.Text, request.Question, request.Sql);

    /// <summary>The problem a failure becomes; null for failures the middleware answers (audit store down, a bug).</summary>
    internal static ApiProblemException? ToProblem(Exception ex) => ex switch
    {
        ApiProblemException problem => problem,
        KnowledgeSqlRejectedException rejected => new ApiProblemException(
            StatusCodes.Status422UnprocessableEntity, GatewayErrorCodes.SqlRejected, rejected.Message,
            new Dictionary<string, object?> { ["rule"] = rejected.Rule, ["position"] = rejected.Position, ["fragment"] = rejected.Fragment }),
        KnowledgeException invalid => new ApiProblemException(StatusCodes.Status400BadRequest, GatewayErrorCodes.KnowledgeInvalid, invalid.Message),
        _ => null,
    };

    private double Elapsed(long started) => time.GetElapsedTime(started).TotalMilliseconds;
}
