using System.Diagnostics;
using Gateway.Api.Errors;
using Gateway.Api.Sources;
using Gateway.Ask;
using Gateway.Audit.Keys;
using Gateway.Audit.Trail;
using Gateway.Execution;
using Microsoft.AspNetCore.Http;

namespace Gateway.Api.Ask;

/// <summary>
/// The front door's side of an ask, shared by <c>/v1/ask</c>, <c>/v1/ask/stream</c> and the MCP <c>ask</c> tool:
/// checks the body, the caller's grant on the source (before its existence, as everywhere), opens the source, and
/// hands the question to <see cref="AskPipeline"/>, which audits it. A request refused here is audited here, so every
/// ask leaves exactly one record. Failures become problems with stable codes.
/// </summary>
internal sealed class AskService(AskPipeline pipeline, SourceCatalog catalog, SourceOpener opener, IAuditStore audit, TimeProvider time)
{
    /// <summary>Longest question accepted, in characters.</summary>
    public const int MaxQuestionLength = 4000;

    public async Task<AskResult> AskAsync(GatewayPrincipal principal, AskRequestBody body, IAskObserver? observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(body);
        var started = time.GetTimestamp();
        Gateway.Execution.Sources.SourceDescriptor source;
        try
        {
            source = await OpenAsync(principal, body, cancellationToken).ConfigureAwait(false);
        }
        catch (ApiProblemException ex)
        {
            var record = await audit.AppendAsync(new AuditEvent
            {
                Principal = principal.Name,
                Source = body.Source ?? "unspecified",
                Question = body.Question,
                Verdict = AuditVerdict.Error,
                ErrorCode = ex.Code,
                DurationMs = time.GetElapsedTime(started).TotalMilliseconds,
                TraceId = Activity.Current?.TraceId.ToString(),
            }, CancellationToken.None).ConfigureAwait(false);
            throw new ApiProblemException(ex.Status, ex.Code, ex.Message, new Dictionary<string, object?>(ex.Extensions) { ["auditId"] = record.Id });
        }

        try
        {
            return await pipeline.AskAsync(new AskRequest
            {
                Source = source,
                Question = body.Question!,
                Principal = principal.Name,
                ConversationId = body.ConversationId,
                Generator = body.Generator,
            }, observer, cancellationToken).ConfigureAwait(false);
        }
        catch (AskException ex)
        {
            throw Problem(ex);
        }
        catch (ExecutionException ex)
        {
            throw ExecutionProblems.From(ex);
        }
    }

    public static ApiProblemException Problem(AskException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var status = exception.Code switch
        {
            AskErrorCodes.UnknownGenerator => StatusCodes.Status400BadRequest,
            AskErrorCodes.ConversationNotFound => StatusCodes.Status404NotFound,
            AskErrorCodes.GenerationFailed => StatusCodes.Status502BadGateway,
            _ => StatusCodes.Status422UnprocessableEntity,
        };
        var extensions = new Dictionary<string, object?>();
        if (exception.AuditId is { } auditId)
        {
            extensions["auditId"] = auditId;
        }

        return new ApiProblemException(status, exception.Code, exception.Message, extensions);
    }

    private async Task<Gateway.Execution.Sources.SourceDescriptor> OpenAsync(GatewayPrincipal principal, AskRequestBody body, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body.Source))
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, GatewayErrorCodes.InvalidRequest, "The request needs a \"source\".");
        }

        if (string.IsNullOrWhiteSpace(body.Question))
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, GatewayErrorCodes.InvalidRequest, "The request needs a non-empty \"question\".");
        }

        if (body.Question.Length > MaxQuestionLength)
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, GatewayErrorCodes.InvalidRequest, $"The question is longer than {MaxQuestionLength} characters.");
        }

        // The grant is checked before existence, so a key cannot probe which source names are configured.
        if (!principal.CanUseSource(body.Source))
        {
            throw new ApiProblemException(StatusCodes.Status403Forbidden, GatewayErrorCodes.SourceForbidden, $"This key does not grant the source '{body.Source}'.");
        }

        if (!catalog.TryGet(body.Source, out var source))
        {
            throw new ApiProblemException(StatusCodes.Status404NotFound, GatewayErrorCodes.UnknownSource, $"No source is named '{body.Source}'.");
        }

        try
        {
            return await opener.OpenAsync(source, cancellationToken).ConfigureAwait(false);
        }
        catch (ExecutionException ex)
        {
            throw ExecutionProblems.From(ex);
        }
    }
}
