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

/// <summary>The back end failed (endpoint unreachable, bad reply, model files missing): no candidate at all.</summary>
public sealed class GenerationException : Exception
{
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
