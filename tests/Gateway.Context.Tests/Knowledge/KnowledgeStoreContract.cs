using Gateway.Context.Knowledge;

namespace Gateway.Context.Tests.Knowledge;

/// <summary>What every <see cref="IKnowledgeStore"/> must do; each engine runs the same cases.</summary>
public abstract class KnowledgeStoreContract
{
    protected abstract IKnowledgeStore Store { get; }

    /// <summary>Sources are unique per run, so a shared server's earlier rows never interfere.</summary>
    protected string SourceName { get; } = "src_" + Guid.NewGuid().ToString("N")[..8];

    protected virtual void SkipUnlessAvailable()
    {
    }

    [SkippableFact]
    public async Task An_added_item_reads_back_field_for_field()
    {
        SkipUnlessAvailable();
        var item = Item("k1", KnowledgeKind.QuestionSql) with
        {
            Question = "How many customers?",
            Sql = "SELECT count(*) FROM customers",
            AuditId = 42,
            Embedding = [0.5f, -0.25f, 1e-7f],
            EmbeddingModel = "minilm",
        };

        await Store.AddAsync(item);
        var read = await Store.GetAsync(SourceName, IdOf("k1"));

        Assert.NotNull(read);
        Assert.Equal(item with { Embedding = null }, read with { Embedding = null });
        Assert.Equal(item.Embedding, read.Embedding);
    }

    [SkippableFact]
    public async Task List_returns_one_source_oldest_first_and_matches_its_name_case_insensitively()
    {
        SkipUnlessAvailable();
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await Store.AddAsync(Item("late", KnowledgeKind.Documentation) with { Created = start.AddMinutes(5) });
        await Store.AddAsync(Item("early", KnowledgeKind.DdlNote) with { Created = start });
        await Store.AddAsync(Item("elsewhere", KnowledgeKind.Documentation) with { Source = SourceName + "_other" });

        var listed = await Store.ListAsync(SourceName.ToUpperInvariant());

        Assert.Equal([IdOf("early"), IdOf("late")], listed.Select(i => i.Id));
    }

    [SkippableFact]
    public async Task Delete_removes_the_item_once_and_only_from_its_source()
    {
        SkipUnlessAvailable();
        await Store.AddAsync(Item("gone", KnowledgeKind.Documentation));

        Assert.False(await Store.DeleteAsync(SourceName + "_other", IdOf("gone")));
        Assert.True(await Store.DeleteAsync(SourceName, IdOf("gone")));
        Assert.False(await Store.DeleteAsync(SourceName, IdOf("gone")));
        Assert.Null(await Store.GetAsync(SourceName, IdOf("gone")));
    }

    /// <summary>Ids are global in a store, so they carry the run's source too.</summary>
    private string IdOf(string name) => $"{SourceName}_{name}";

    private KnowledgeItem Item(string id, KnowledgeKind kind) => new()
    {
        Id = IdOf(id),
        Source = SourceName,
        Kind = kind,
        Content = kind == KnowledgeKind.QuestionSql ? null : $"text of {id}",
        Author = "alice",
        Created = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero),
    };
}

public sealed class SqliteKnowledgeStoreTests : KnowledgeStoreContract, IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly SqliteKnowledgeStore _store;

    public SqliteKnowledgeStoreTests() => _store = new SqliteKnowledgeStore(_directory.File("knowledge.db"));

    protected override IKnowledgeStore Store => _store;

    [Fact]
    public async Task The_file_is_created_on_first_use()
    {
        Assert.False(File.Exists(_store.Path));

        await _store.ListAsync("demo");

        Assert.True(File.Exists(_store.Path));
    }

    public void Dispose()
    {
        _store.Dispose();
        _directory.Dispose();
    }
}

/// <summary>Runs against the CI PostgreSQL (<c>GATEWAY_TEST_POSTGRES</c>); skipped where it is not set.</summary>
public sealed class PostgresKnowledgeStoreTests : KnowledgeStoreContract, IDisposable
{
    private const string Variable = "GATEWAY_TEST_POSTGRES";
    private readonly string? _connectionString = Environment.GetEnvironmentVariable(Variable);
    private PostgresKnowledgeStore? _store;

    protected override IKnowledgeStore Store => _store ??= new PostgresKnowledgeStore(_connectionString!);

    protected override void SkipUnlessAvailable() =>
        Skip.If(string.IsNullOrWhiteSpace(_connectionString), $"{Variable} is not set; run `source .ci/services.sh` to start the test servers.");

    public void Dispose() => _store?.Dispose();
}
