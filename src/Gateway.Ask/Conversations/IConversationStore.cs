namespace Gateway.Ask.Conversations;

/// <summary>
/// Conversations: each id, its owner and source, and its turns (question, SQL, verdict), so a follow-up ("and by
/// region?") refines the last query. A conversation belongs to one principal: anyone else asking with its id is told
/// it does not exist. Retention: a conversation is forgotten <see cref="AskOptions.ConversationLifetime"/> after its
/// last question, and keeps at most <see cref="AskOptions.ConversationStoredTurns"/> turns.
/// </summary>
public interface IConversationStore
{
    /// <summary>Starts a conversation and returns it (a new random id, no turns).</summary>
    Task<Conversation> StartAsync(string principal, string source, CancellationToken cancellationToken = default);

    /// <summary>The conversation with its turns, oldest first; null when it is unknown, expired or not <paramref name="principal"/>'s.</summary>
    Task<Conversation?> FindAsync(string id, string principal, CancellationToken cancellationToken = default);

    /// <summary>Adds a turn and extends the conversation's life; false when it is unknown or expired meanwhile.</summary>
    Task<bool> AppendAsync(string id, ConversationTurn turn, CancellationToken cancellationToken = default);

    /// <summary>Forgets a conversation and its turns; false when it is unknown, expired or not <paramref name="principal"/>'s.</summary>
    Task<bool> DeleteAsync(string id, string principal, CancellationToken cancellationToken = default);
}
