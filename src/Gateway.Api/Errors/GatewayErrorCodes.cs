namespace Gateway.Api.Errors;

/// <summary>
/// Stable machine-readable error codes, carried as the <c>code</c> member of every problem+json response and in the
/// audit trail's <c>errorCode</c>. Clients match on these, never on titles or messages.
/// </summary>
public static class GatewayErrorCodes
{
    public const string AuthMissing = "auth.missing_key";
    public const string AuthInvalid = "auth.invalid_key";
    public const string Forbidden = "auth.forbidden";
    public const string SourceForbidden = "auth.source_forbidden";
    public const string RateLimited = "request.rate_limited";
    public const string BodyTooLarge = "request.too_large";
    public const string InvalidRequest = "request.invalid";
    public const string UnknownSource = "source.unknown";
    public const string SqlRejected = "sql.rejected";
    public const string ExecutionFailed = "execution.failed";

    /// <summary>The execute stage's codes (<see cref="Gateway.Execution.ExecutionErrorCode"/>), one each.</summary>
    public const string ExecutionTimeout = "execution.timeout";
    public const string SourceUnavailable = "execution.unavailable";
    public const string ExecutionPermissionDenied = "execution.permission_denied";
    public const string QueryFailed = "execution.query_failed";
    public const string Cancelled = "request.cancelled";
    public const string UnknownDialect = "dialect.unknown";
    public const string AuditNotFound = "audit.not_found";
    public const string AuditUnavailable = "audit.unavailable";
    public const string KnowledgeInvalid = "knowledge.invalid";
    public const string KnowledgeNotFound = "knowledge.not_found";
    public const string FeedbackInvalid = "feedback.invalid";
    public const string NotFound = "not_found";

    /// <summary>The ask pipeline's codes (<see cref="Gateway.Ask.AskErrorCodes"/>), repeated here so clients find every code in one place.</summary>
    public const string AskNoGenerator = Gateway.Ask.AskErrorCodes.NoGenerator;
    public const string AskUnknownGenerator = Gateway.Ask.AskErrorCodes.UnknownGenerator;
    public const string AskRefused = Gateway.Ask.AskErrorCodes.Refused;
    public const string AskUnanswered = Gateway.Ask.AskErrorCodes.Unanswered;
    public const string AskConversationNotFound = Gateway.Ask.AskErrorCodes.ConversationNotFound;
    public const string AskGenerationFailed = Gateway.Ask.AskErrorCodes.GenerationFailed;
    public const string Internal = "internal";

    /// <summary>A model name neither served locally nor routed upstream; spelled as OpenAI spells it.</summary>
    public const string ModelNotFound = "model_not_found";

    /// <summary>A configured local model that cannot be loaded (missing or malformed files).</summary>
    public const string ModelUnavailable = "model.unavailable";

    /// <summary>Generation failed while running.</summary>
    public const string GenerationFailed = "model.generation_failed";

    /// <summary>No destination of the upstream serving the model is healthy.</summary>
    public const string UpstreamUnavailable = "upstream.unavailable";

    /// <summary>The upstream could not be reached or broke off its answer.</summary>
    public const string UpstreamFailed = "upstream.failed";
}
