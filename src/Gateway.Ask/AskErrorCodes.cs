namespace Gateway.Ask;

/// <summary>
/// The ask pipeline's stable codes, in the style of the front door's <c>GatewayErrorCodes</c> (which repeats them):
/// carried as <c>code</c> in responses and problems and as the audit trail's <c>errorCode</c>.
/// </summary>
public static class AskErrorCodes
{
    /// <summary>A data question, but no SQL generator is configured: the answer is guidance from the schema.</summary>
    public const string NoGenerator = "ask.no_generator";

    /// <summary>The request named a generator that is not configured.</summary>
    public const string UnknownGenerator = "ask.unknown_generator";

    /// <summary>The model said the context does not suffice to answer, and why.</summary>
    public const string Refused = "ask.refused";

    /// <summary>Every candidate, repairs included, was rejected by policy or failed on the source.</summary>
    public const string Unanswered = "ask.unanswered";

    /// <summary>The conversation id is unknown, expired, or belongs to another caller or source.</summary>
    public const string ConversationNotFound = "ask.conversation_not_found";

    /// <summary>The generator's back end failed (endpoint unreachable, bad reply, model not loadable).</summary>
    public const string GenerationFailed = "generation.failed";
}
