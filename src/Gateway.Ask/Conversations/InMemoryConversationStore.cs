using System.Collections.Concurrent;

namespace Gateway.Ask.Conversations;

/// <summary>
/// Conversations in memory, for hosts without a metadata store (lost on restart). Same contract and retention as
/// <see cref="DbConversationStore"/>; ids are random 128-bit values, so one cannot be guessed.
/// </summary>
public sealed class InMemoryConversationStore(AskOptions options, TimeProvider time) : IConversationStore
{
    private readonly ConcurrentDictionary<string, Entry> _conversations = new(StringComparer.Ordinal);

    public Task<Conversation> StartAsync(string principal, string source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(source);
        Sweep();
        var now = time.GetUtcNow();
        var entry = new Entry(ConversationIds.New(), principal, source, now);
        _conversations[entry.Id] = entry;
        return Task.FromResult(entry.Snapshot());
    }

    public Task<Conversation?> FindAsync(string id, string principal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Task.FromResult(Live(id) is { } entry && string.Equals(entry.Principal, principal, StringComparison.Ordinal) ? entry.Snapshot() : null);
    }

    public Task<bool> AppendAsync(string id, ConversationTurn turn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (Live(id) is not { } entry)
        {
            return Task.FromResult(false);
        }

        lock (entry)
        {
            entry.Turns.Add(turn);
            if (entry.Turns.Count > options.ConversationStoredTurns)
            {
                entry.Turns.RemoveRange(0, entry.Turns.Count - options.ConversationStoredTurns);
            }

            entry.LastUsed = time.GetUtcNow();
        }

        return Task.FromResult(true);
    }

    public Task<bool> DeleteAsync(string id, string principal, CancellationToken cancellationToken = default) =>
        Task.FromResult(Live(id) is { } entry && string.Equals(entry.Principal, principal, StringComparison.Ordinal) && _conversations.TryRemove(id, out _));

    private Entry? Live(string id)
    {
        if (!_conversations.TryGetValue(id, out var entry))
        {
            return null;
        }

        if (time.GetUtcNow() - entry.LastUsed > options.ConversationLifetime)
        {
            _conversations.TryRemove(id, out _);
            return null;
        }

        return entry;
    }

    /// <summary>Forgets expired conversations; run when one starts, so memory stays bounded by recent use.</summary>
    private void Sweep()
    {
        var now = time.GetUtcNow();
        foreach (var (id, entry) in _conversations)
        {
            if (now - entry.LastUsed > options.ConversationLifetime)
            {
                _conversations.TryRemove(id, out _);
            }
        }
    }

    private sealed class Entry(string id, string principal, string source, DateTimeOffset started)
    {
        private readonly DateTimeOffset _started = started;

        public string Id => id;

        public string Principal => principal;

        public List<ConversationTurn> Turns { get; } = [];

        public DateTimeOffset LastUsed { get; set; } = started;

        public Conversation Snapshot()
        {
            lock (this)
            {
                return new Conversation(id, principal, source, _started, LastUsed, [.. Turns]);
            }
        }
    }
}
