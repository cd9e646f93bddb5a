using Gateway.Ask.Conversations;
using Gateway.Generation;

namespace Gateway.Ask.Tests.Conversations;

public sealed class InMemoryConversationStoreTests
{
    /// <summary>A clock the test moves by hand.</summary>
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly QuestionSqlPair Turn = new("How many customers?", "SELECT COUNT(*) FROM customers");

    [Fact]
    public void Turns_are_returned_oldest_first()
    {
        var store = new InMemoryConversationStore(new AskOptions(), new ManualClock());
        var id = store.Start("alice", "demo");
        store.Append(id, "alice", "demo", Turn);
        store.Append(id, "alice", "demo", Turn with { Question = "and by region?" });

        Assert.Equal(["How many customers?", "and by region?"], store.Find(id, "alice", "demo")!.Select(t => t.Question));
    }

    [Fact]
    public void Another_principal_cannot_read_a_conversation()
    {
        var store = new InMemoryConversationStore(new AskOptions(), new ManualClock());
        var id = store.Start("alice", "demo");

        Assert.Null(store.Find(id, "mallory", "demo"));
    }

    [Fact]
    public void A_conversation_is_bound_to_its_source()
    {
        var store = new InMemoryConversationStore(new AskOptions(), new ManualClock());
        var id = store.Start("alice", "demo");

        Assert.Null(store.Find(id, "alice", "shop"));
    }

    [Fact]
    public void A_conversation_expires_after_its_lifetime_without_questions()
    {
        var clock = new ManualClock();
        var store = new InMemoryConversationStore(new AskOptions { ConversationLifetime = TimeSpan.FromMinutes(30) }, clock);
        var id = store.Start("alice", "demo");

        clock.Now += TimeSpan.FromMinutes(31);

        Assert.Null(store.Find(id, "alice", "demo"));
    }

    [Fact]
    public void Each_question_extends_the_lifetime()
    {
        var clock = new ManualClock();
        var store = new InMemoryConversationStore(new AskOptions { ConversationLifetime = TimeSpan.FromMinutes(30) }, clock);
        var id = store.Start("alice", "demo");
        clock.Now += TimeSpan.FromMinutes(20);
        store.Append(id, "alice", "demo", Turn);

        clock.Now += TimeSpan.FromMinutes(20);

        Assert.NotNull(store.Find(id, "alice", "demo"));
    }

    [Fact]
    public void Only_the_most_recent_turns_are_kept()
    {
        var store = new InMemoryConversationStore(new AskOptions { ConversationTurns = 2 }, new ManualClock());
        var id = store.Start("alice", "demo");
        foreach (var question in new[] { "one", "two", "three" })
        {
            store.Append(id, "alice", "demo", Turn with { Question = question });
        }

        Assert.Equal(["two", "three"], store.Find(id, "alice", "demo")!.Select(t => t.Question));
    }
}
