using Gateway.Ask.Conversations;

namespace Gateway.Ask.Tests.Conversations;

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>What every <see cref="IConversationStore"/> must do; each store runs the same cases.</summary>
public abstract class ConversationStoreContract
{
    private protected ManualClock Clock { get; } = new();

    /// <summary>Principals are unique per run, so a shared server's earlier rows never interfere.</summary>
    protected string Alice { get; } = "alice_" + Guid.NewGuid().ToString("N")[..8];

    protected abstract IConversationStore Open(AskOptions options);

    protected virtual void SkipUnlessAvailable()
    {
    }

    private ConversationTurn Turn(string question, string? sql = "SELECT COUNT(*) FROM customers", string verdict = "allowed", long? auditId = 7) =>
        new(question, sql, verdict, Clock.GetUtcNow(), auditId);

    [SkippableFact]
    public async Task A_new_conversation_has_a_random_32_hex_id_its_owner_and_source_and_no_turns()
    {
        SkipUnlessAvailable();
        var store = Open(new AskOptions());

        var first = await store.StartAsync(Alice, "demo");
        var second = await store.StartAsync(Alice, "demo");

        Assert.Matches("^[0-9a-f]{32}$", first.Id);
        Assert.NotEqual(first.Id, second.Id);
        var found = await store.FindAsync(first.Id, Alice);
        Assert.Equal("demo", found!.Source);
        Assert.Equal(Clock.Now, found.Started);
        Assert.Empty(found.Turns);
    }

    [SkippableFact]
    public async Task Turns_read_back_field_for_field_oldest_first()
    {
        SkipUnlessAvailable();
        var store = Open(new AskOptions());
        var id = (await store.StartAsync(Alice, "demo")).Id;
        var refused = Turn("Who will win the league?", sql: null, verdict: "refused", auditId: null);

        Assert.True(await store.AppendAsync(id, Turn("How many customers?")));
        Assert.True(await store.AppendAsync(id, refused));

        var turns = (await store.FindAsync(id, Alice))!.Turns;
        Assert.Equal([Turn("How many customers?"), refused], turns);
    }

    [SkippableFact]
    public async Task The_history_holds_only_answered_turns_with_their_sql()
    {
        SkipUnlessAvailable();
        var store = Open(new AskOptions());
        var id = (await store.StartAsync(Alice, "demo")).Id;
        await store.AppendAsync(id, Turn("How many customers?"));
        await store.AppendAsync(id, Turn("Drop them all", sql: "DELETE FROM customers", verdict: "rejected"));
        await store.AppendAsync(id, Turn("hello", sql: null, verdict: "answered"));

        var history = (await store.FindAsync(id, Alice))!.History;

        Assert.Equal("How many customers?", Assert.Single(history).Question);
    }

    [SkippableFact]
    public async Task Another_principal_finds_nothing_and_cannot_append_or_delete()
    {
        SkipUnlessAvailable();
        var store = Open(new AskOptions());
        var id = (await store.StartAsync(Alice, "demo")).Id;

        Assert.Null(await store.FindAsync(id, "mallory"));
        Assert.False(await store.DeleteAsync(id, "mallory"));
        Assert.NotNull(await store.FindAsync(id, Alice));
    }

    [SkippableFact]
    public async Task An_unknown_id_is_not_found()
    {
        SkipUnlessAvailable();
        var store = Open(new AskOptions());

        Assert.Null(await store.FindAsync("0123456789abcdef0123456789abcdef", Alice));
        Assert.False(await store.AppendAsync("0123456789abcdef0123456789abcdef", Turn("x")));
    }

    [SkippableFact]
    public async Task A_conversation_expires_after_its_lifetime_without_questions()
    {
        SkipUnlessAvailable();
        var store = Open(new AskOptions { ConversationLifetime = TimeSpan.FromMinutes(30) });
        var id = (await store.StartAsync(Alice, "demo")).Id;

        Clock.Now += TimeSpan.FromMinutes(31);

        Assert.Null(await store.FindAsync(id, Alice));
        Assert.False(await store.AppendAsync(id, Turn("late")));
    }

    [SkippableFact]
    public async Task Each_question_extends_the_lifetime()
    {
        SkipUnlessAvailable();
        var store = Open(new AskOptions { ConversationLifetime = TimeSpan.FromMinutes(30) });
        var id = (await store.StartAsync(Alice, "demo")).Id;
        Clock.Now += TimeSpan.FromMinutes(20);
        await store.AppendAsync(id, Turn("How many customers?"));

        Clock.Now += TimeSpan.FromMinutes(20);

        Assert.Equal(Clock.Now - TimeSpan.FromMinutes(20), (await store.FindAsync(id, Alice))!.LastUsed);
    }

    [SkippableFact]
    public async Task Only_the_most_recent_turns_are_kept()
    {
        SkipUnlessAvailable();
        var store = Open(new AskOptions { ConversationStoredTurns = 2 });
        var id = (await store.StartAsync(Alice, "demo")).Id;
        foreach (var question in new[] { "one", "two", "three" })
        {
            await store.AppendAsync(id, Turn(question));
        }

        Assert.Equal(["two", "three"], (await store.FindAsync(id, Alice))!.Turns.Select(t => t.Question));
    }

    [SkippableFact]
    public async Task A_deleted_conversation_is_gone_with_its_turns()
    {
        SkipUnlessAvailable();
        var store = Open(new AskOptions());
        var id = (await store.StartAsync(Alice, "demo")).Id;
        await store.AppendAsync(id, Turn("How many customers?"));

        Assert.True(await store.DeleteAsync(id, Alice));

        Assert.Null(await store.FindAsync(id, Alice));
        Assert.False(await store.AppendAsync(id, Turn("again")));
        Assert.False(await store.DeleteAsync(id, Alice));
    }
}

public sealed class InMemoryConversationStoreTests : ConversationStoreContract
{
    protected override IConversationStore Open(AskOptions options) => new InMemoryConversationStore(options, Clock);
}

public sealed class SqliteConversationStoreTests : ConversationStoreContract, IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("gateway-ask-").FullName;
    private readonly List<DbConversationStore> _stores = [];

    private string File => Path.Combine(_directory, "meta", "knowledge.db");

    protected override IConversationStore Open(AskOptions options)
    {
        var store = DbConversationStore.Sqlite(File, options, Clock);
        _stores.Add(store);
        return store;
    }

    [Fact]
    public async Task Conversations_survive_reopening_the_file()
    {
        var before = Open(new AskOptions());
        var id = (await before.StartAsync(Alice, "demo")).Id;
        await before.AppendAsync(id, new ConversationTurn("How many customers?", "SELECT COUNT(*) FROM customers", "allowed", Clock.Now, 3));
        await before.DisposeAsyncIfPossible();

        var after = Open(new AskOptions());

        var turn = Assert.Single((await after.FindAsync(id, Alice))!.Turns);
        Assert.Equal("SELECT COUNT(*) FROM customers", turn.Sql);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open must not fail the test.
        }
    }
}

/// <summary>Runs against the CI PostgreSQL (<c>GATEWAY_TEST_POSTGRES</c>); skipped where it is not set.</summary>
public sealed class PostgresConversationStoreTests : ConversationStoreContract, IAsyncLifetime
{
    private const string Variable = "GATEWAY_TEST_POSTGRES";
    private readonly string? _connectionString = Environment.GetEnvironmentVariable(Variable);
    private readonly List<DbConversationStore> _stores = [];

    protected override IConversationStore Open(AskOptions options)
    {
        var store = DbConversationStore.Postgres(_connectionString!, options, Clock);
        _stores.Add(store);
        return store;
    }

    protected override void SkipUnlessAvailable() =>
        Skip.If(string.IsNullOrWhiteSpace(_connectionString), $"{Variable} is not set; run `source .ci/services.sh` to start the test servers.");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
    }
}

internal static class StoreDisposal
{
    public static ValueTask DisposeAsyncIfPossible(this IConversationStore store) =>
        store is IAsyncDisposable disposable ? disposable.DisposeAsync() : ValueTask.CompletedTask;
}
