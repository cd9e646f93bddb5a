using Gateway.Context.Knowledge;
using Gateway.Context.Retrieval;

namespace Gateway.Context.Tests.Retrieval;

/// <summary>Lexical ranking only (no encoder), so the expected order can be read off the texts.</summary>
public sealed class KnowledgeRetrieverTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly SqliteKnowledgeStore _store;
    private int _next;

    public KnowledgeRetrieverTests() => _store = new SqliteKnowledgeStore(_directory.File("knowledge.db"));

    [Fact]
    public async Task An_exact_repeat_of_a_known_question_comes_back_first()
    {
        await PairAsync("Total revenue by product category and region for each month", "SELECT 1");
        await PairAsync("What was the total revenue?", "SELECT sum(amount) FROM orders");
        await PairAsync("Revenue by region", "SELECT 3");

        var matches = await new KnowledgeRetriever(_store).SearchAsync("shop", "what was the TOTAL revenue");

        Assert.True(matches.Examples[0].ExactRepeat);
        Assert.Equal("SELECT sum(amount) FROM orders", matches.Examples[0].Item.Sql);
        Assert.All(matches.Examples.Skip(1), m => Assert.False(m.ExactRepeat));
    }

    [Fact]
    public async Task The_newest_of_two_exact_repeats_comes_first()
    {
        await PairAsync("How many customers?", "SELECT count(*) FROM customer", minutes: 0);
        await PairAsync("How many customers?", "SELECT count(*) FROM customers", minutes: 5);

        var matches = await new KnowledgeRetriever(_store).SearchAsync("shop", "How many customers?");

        Assert.Equal("SELECT count(*) FROM customers", matches.Examples[0].Item.Sql);
    }

    [Fact]
    public async Task Documentation_and_pairs_are_ranked_separately_and_cut_to_top_k()
    {
        await DocAsync("Churn means a customer with no order in 90 days.");
        await DocAsync("Revenue is counted net of refunds.");
        await DocAsync("The warehouse table is refreshed nightly.");
        await PairAsync("Which customers churned last quarter?", "SELECT 1");
        await PairAsync("Revenue last quarter", "SELECT 2");

        var retriever = new KnowledgeRetriever(_store, new RetrievalOptions { TopDocuments = 1, TopExamples = 1 });
        var matches = await retriever.SearchAsync("shop", "How many customers churned?");

        Assert.Equal("Churn means a customer with no order in 90 days.", Assert.Single(matches.Documents).Item.Content);
        Assert.Equal("Which customers churned last quarter?", Assert.Single(matches.Examples).Item.Question);
    }

    [Fact]
    public async Task Items_sharing_no_term_with_the_question_are_not_returned_without_an_encoder()
    {
        await DocAsync("The warehouse table is refreshed nightly.");

        var matches = await new KnowledgeRetriever(_store).SearchAsync("shop", "How many customers churned?");

        Assert.Empty(matches.Documents);
    }

    [Fact]
    public async Task Another_sources_knowledge_is_never_returned()
    {
        await DocAsync("Churn means no order in 90 days.", source: "other");

        var matches = await new KnowledgeRetriever(_store).SearchAsync("shop", "churn");

        Assert.Empty(matches.Documents);
    }

    private Task PairAsync(string question, string sql, int minutes = 0) => _store.AddAsync(new KnowledgeItem
    {
        Id = $"k{_next++}",
        Source = "shop",
        Kind = KnowledgeKind.QuestionSql,
        Question = question,
        Sql = sql,
        Author = "alice",
        Created = new DateTimeOffset(2026, 11, 25, 10, minutes, 0, TimeSpan.Zero),
    });

    private Task DocAsync(string text, string source = "shop") => _store.AddAsync(new KnowledgeItem
    {
        Id = $"k{_next++}",
        Source = source,
        Kind = KnowledgeKind.Documentation,
        Content = text,
        Author = "alice",
        Created = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero),
    });

    public void Dispose()
    {
        _store.Dispose();
        _directory.Dispose();
    }
}
