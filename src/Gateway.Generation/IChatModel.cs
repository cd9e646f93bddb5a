namespace Gateway.Generation;

/// <summary>
/// A chat model for the parts of an ask that are prose: general conversation (as an expert data analyst and guide)
/// and the written analysis of a result. Optional: without one the pipeline answers from the schema and the
/// statistics computed in code.
/// </summary>
public interface IChatModel
{
    string ModelId { get; }

    /// <summary>The model's reply to <paramref name="messages"/> (system first, then alternating user and assistant).</summary>
    Task<string> CompleteAsync(IReadOnlyList<ChatTurn> messages, CancellationToken cancellationToken = default);
}

public enum ChatRole
{
    System,
    User,
    Assistant,
}

public sealed record ChatTurn(ChatRole Role, string Content);
