using System.Diagnostics;
using Gateway.Api.Errors;
using Gateway.Ask.Conversations;
using Gateway.Audit.Keys;
using Gateway.Audit.Trail;
using Microsoft.AspNetCore.Http;

namespace Gateway.Api.Ask;

/// <summary>
/// Reading and forgetting a conversation: only its owner may; for anyone else it does not exist (404, as for an
/// unknown id, so ids cannot be probed). A delete, refused ones included, leaves one audit record.
/// </summary>
internal sealed class ConversationService(IConversationStore conversations, IAuditStore audit, TimeProvider time)
{
    public const string AuditSource = "conversations";

    public async Task<ConversationResponse> GetAsync(GatewayPrincipal principal, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var conversation = await conversations.FindAsync(id, principal.Name, cancellationToken).ConfigureAwait(false) ?? throw NotFound(id);
        return ConversationResponse.From(conversation);
    }

    public async Task DeleteAsync(GatewayPrincipal principal, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var started = time.GetTimestamp();
        var conversation = await conversations.FindAsync(id, principal.Name, cancellationToken).ConfigureAwait(false);
        var deleted = conversation is not null && await conversations.DeleteAsync(id, principal.Name, cancellationToken).ConfigureAwait(false);
        var record = await audit.AppendAsync(new AuditEvent
        {
            Principal = principal.Name,
            Source = conversation?.Source ?? AuditSource,
            Question = $"delete conversation {id}",
            Verdict = deleted ? AuditVerdict.Allowed : AuditVerdict.Error,
            ErrorCode = deleted ? null : GatewayErrorCodes.AskConversationNotFound,
            DurationMs = time.GetElapsedTime(started).TotalMilliseconds,
            TraceId = Activity.Current?.TraceId.ToString(),
        }, CancellationToken.None).ConfigureAwait(false);
        if (!deleted)
        {
            throw new ApiProblemException(StatusCodes.Status404NotFound, GatewayErrorCodes.AskConversationNotFound, NotFound(id).Message,
                new Dictionary<string, object?> { ["auditId"] = record.Id });
        }
    }

    private static ApiProblemException NotFound(string id) =>
        new(StatusCodes.Status404NotFound, GatewayErrorCodes.AskConversationNotFound, $"No conversation '{id}' exists for this caller; it may have expired.");
}
