using System.Collections.Concurrent;
using Gateway.Generation;

namespace Gateway.Ask.Conversations;

/// <summary>
/// Conversations in memory, each forgotten <see cref="AskOptions.ConversationLifetime"/> after its last question
/// (sliding). Ids are random 128-bit values, so one cannot be guessed. At most
/// <see cref="AskOptions.ConversationTurns"/> turns are kept per conversation.
/// </summary>
public sealed class InMemoryConversationStore(AskOptions options, TimeProvider time) : IConversationStore
{
    private readonly ConcurrentDictionary<string, Conversation> _conversations = new(StringComparer.Ordinal);

    public int Count => _conversations.Count;

    public string Start(string principal, string source)
    {
        Sweep();
        var id = Guid.NewGuid().ToString("N");
        _conversations[id] = new Conversation(principal, source, time.GetUtcNow());
        return id;
    }

    public IReadOnlyList<QuestionSqlPair>? Find(string id, string principal, string source)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!_conversations.TryGetValue(id, out var conversation) || !conversation.Owns(principal, source))
        {
            return null;
        }

        lock (conversation)
        {
            if (Expired(conversation))
            {
                _conversations.TryRemove(id, out _);
                return null;
            }

            conversation.LastUsed = time.GetUtcNow();
            return [.. conversation.Turns];
        }
    }

    public void Append(string id, string principal, string source, QuestionSqlPair turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (!_conversations.TryGetValue(id, out var conversation) || !conversation.Owns(principal, source))
        {
            return;
        }

        lock (conversation)
        {
            conversation.Turns.Add(turn);
            if (conversation.Turns.Count > options.ConversationTurns)
            {
                conversation.Turns.RemoveRange(0, conversation.Turns.Count - options.ConversationTurns);
            }

            conversation.LastUsed = time.GetUtcNow();
        }
    }

    private bool Expired(Conversation conversation) => time.GetUtcNow() - conversation.LastUsed > options.ConversationLifetime;

    /// <summary>Forgets expired conversations; run when one starts, so memory stays bounded by recent use.</summary>
    private void Sweep()
    {
        foreach (var (id, conversation) in _conversations)
        {
            if (Expired(conversation))
            {
                _conversations.TryRemove(id, out _);
            }
        }
    }

    private sealed class Conversation(string principal, string source, DateTimeOffset started)
    {
        public List<QuestionSqlPair> Turns { get; } = [];

        public DateTimeOffset LastUsed { get; set; } = started;

        public bool Owns(string who, string where) =>
            string.Equals(principal, who, StringComparison.Ordinal) && string.Equals(source, where, StringComparison.OrdinalIgnoreCase);
    }
}
