namespace Gateway.Generation;

/// <summary>
/// The generate stage's one interface: given the question and its context, propose SQL. Back ends: an
/// OpenAI-compatible endpoint (<see cref="OpenAi.OpenAiCompatibleGenerator"/>), the local causal model
/// (<see cref="Local.LocalCausalLmGenerator"/>), and the shipped pointer model (<see cref="Pointer.PointerSqlGenerator"/>). A generator proposes; it never
/// runs anything: every candidate is validated and executed read-only by the ask pipeline.
/// </summary>
public interface ISqlGenerator
{
    /// <summary>The model's id as the audit trail records it (e.g. <c>openai:gpt-4o-mini</c>, <c>local:qwen2-0.5b</c>).</summary>
    string ModelId { get; }

    /// <summary>
    /// Up to <see cref="GenerationRequest.Candidates"/> candidates, best first; at least one. Throws
    /// <see cref="GenerationException"/> when the back end cannot answer at all.
    /// </summary>
    Task<IReadOnlyList<SqlCandidate>> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken = default);
}

/// <summary>
/// The back end failed (endpoint unreachable, bad reply, model files missing): no candidate at all.
/// <see cref="Failure"/> says which kind of failure, so callers can tell a wrong key from a wrong model name.
/// </summary>
public sealed class GenerationException : Exception
{
    /// <summary>Which kind of failure. Default <see cref="GenerationFailure.Other"/>.</summary>
    public GenerationFailure Failure { get; init; }

    /// <summary>The endpoint's HTTP status, when it answered with one.</summary>
    public int? Status { get; init; }

    public GenerationException()
    {
    }

    public GenerationException(string message)
        : base(message)
    {
    }

    public GenerationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The kinds of <see cref="GenerationException"/>.</summary>
public enum GenerationFailure
{
    /// <summary>Anything not named below (model files missing, a local model's own failure).</summary>
    Other,

    /// <summary>The API key is missing where one is configured (no request was made).</summary>
    KeyMissing,

    /// <summary>The endpoint refused the key (HTTP 401 or 403).</summary>
    Unauthorized,

    /// <summary>The endpoint does not serve the configured model (HTTP 404 with code <c>model_not_found</c>).</summary>
    ModelNotFound,

    /// <summary>The endpoint refused the request for another reason (another 4xx status).</summary>
    Rejected,

    /// <summary>The endpoint failed (a 5xx status).</summary>
    EndpointFailed,

    /// <summary>The endpoint could not be reached or did not answer in time.</summary>
    Unreachable,

    /// <summary>The endpoint answered with something that is not a chat completion.</summary>
    InvalidReply,
}
