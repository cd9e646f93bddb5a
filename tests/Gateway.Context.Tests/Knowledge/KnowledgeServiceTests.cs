using Gateway.Context.Knowledge;
using Gateway.Sql.Dialects;
using Gateway.Sql.Policy;
using Gateway.Sql.Validation;

namespace Gateway.Context.Tests.Knowledge;

public sealed class KnowledgeServiceTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly SqliteKnowledgeStore _store;
    private readonly KnowledgeService _service;

    public KnowledgeServiceTests()
    {
        _store = new SqliteKnowledgeStore(_directory.File("knowledge.db"));
        _service = new KnowledgeService(_store, new SqlValidator(), SqlPolicyLoader.LoadDefault(), TimeProvider.System);
    }

    [Fact]
    public async Task A_valid_pair_is_stored_with_its_author_and_the_sql_as_written()
    {
        var added = await _service.AddAsync("shop", SqlDialectKind.Sqlite, KnowledgeDraft.Pair("How many orders?", "SELECT count(*) FROM orders"), "alice");

        var stored = Assert.Single(await _store.ListAsync("shop"));
        Assert.Equal(added.Id, stored.Id);
        Assert.Equal("alice", stored.Author);
        Assert.Equal("SELECT count(*) FROM orders", stored.Sql);
        Assert.StartsWith("k", stored.Id, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pair_whose_sql_changes_data_is_rejected_with_its_rule_id_and_not_stored()
    {
        var ex = await Assert.ThrowsAsync<KnowledgeSqlRejectedException>(() =>
            _service.AddAsync("shop", SqlDialectKind.Sqlite, KnowledgeDraft.Pair("Remove old orders", "DELETE FROM orders"), "alice"));

        Assert.Equal(RuleIds.DataChange, ex.Rule);
        Assert.Contains(RuleIds.DataChange, ex.Message, StringComparison.Ordinal);
        Assert.Empty(await _store.ListAsync("shop"));
    }

    [Fact]
    public async Task A_pair_is_validated_in_the_sources_dialect()
    {
        // Backtick quoting is MySQL's; PostgreSQL cannot parse it.
        var ex = await Assert.ThrowsAsync<KnowledgeSqlRejectedException>(() =>
            _service.AddAsync("pg", SqlDialectKind.Postgres, KnowledgeDraft.Pair("Names", "SELECT `name` FROM customers"), "alice"));

        Assert.Equal(RuleIds.ParseError, ex.Rule);
    }

    [Fact]
    public async Task An_empty_document_is_refused()
    {
        var ex = await Assert.ThrowsAsync<KnowledgeException>(() =>
            _service.AddAsync("shop", SqlDialectKind.Sqlite, KnowledgeDraft.Documentation("   "), "alice"));

        Assert.Equal(KnowledgeException.InvalidCode, ex.Code);
    }

    [Fact]
    public async Task A_batch_with_one_bad_item_stores_nothing_and_names_the_item()
    {
        KnowledgeDraft[] drafts =
        [
            KnowledgeDraft.Documentation("Revenue is net of refunds."),
            KnowledgeDraft.Pair("Drop it", "DROP TABLE orders"),
        ];

        var ex = await Assert.ThrowsAsync<KnowledgeSqlRejectedException>(() => _service.AddManyAsync("shop", SqlDialectKind.Sqlite, drafts, "alice"));

        Assert.Contains("item 2", ex.Message, StringComparison.Ordinal);
        Assert.Empty(await _store.ListAsync("shop"));
    }

    public void Dispose()
    {
        _store.Dispose();
        _directory.Dispose();
    }
}
