using Gateway.Context.Embeddings;
using Gateway.Context.Knowledge;
using Gateway.Context.Retrieval;

namespace Gateway.Context.Tests.Embeddings;

/// <summary>The offline MiniLM encoder, loaded once for the class (loading takes seconds).</summary>
public sealed class MiniLmEmbedderTests(MiniLmEmbedderTests.Encoder encoder) : IClassFixture<MiniLmEmbedderTests.Encoder>
{
    [Fact]
    public async Task Vectors_are_unit_length_with_384_dimensions()
    {
        var vectors = await encoder.Embedder.EmbedAsync(["How many customers are there?", "revenue"]);

        Assert.All(vectors, v =>
        {
            Assert.Equal(384, v.Length);
            Assert.Equal(1.0, Math.Sqrt(v.Sum(x => (double)x * x)), precision: 4);
        });
    }

    [Fact]
    public async Task A_paraphrase_is_closer_than_an_unrelated_sentence()
    {
        var v = await encoder.Embedder.EmbedAsync(["How many clients do we have?", "Count the customers", "The weather in Lisbon is sunny"]);

        Assert.True(Vectors.Cosine(v[0], v[1]) > Vectors.Cosine(v[0], v[2]) + 0.2);
    }

    [Fact]
    public async Task Retrieval_finds_a_pair_that_shares_no_word_with_the_question()
    {
        using var directory = new TempDirectory();
        using var store = new SqliteKnowledgeStore(directory.File("knowledge.db"));
        var service = new KnowledgeService(store, new Gateway.Sql.Validation.SqlValidator(), Gateway.Sql.Policy.SqlPolicyLoader.LoadDefault(), TimeProvider.System, encoder.Embedder);
        await service.AddAsync("shop", Gateway.Sql.Dialects.SqlDialectKind.Sqlite, KnowledgeDraft.Pair("Count the customers", "SELECT count(*) FROM customers"), "alice");
        await service.AddAsync("shop", Gateway.Sql.Dialects.SqlDialectKind.Sqlite, KnowledgeDraft.Pair("Average delivery delay of shipments", "SELECT avg(delay) FROM shipments"), "alice");

        var matches = await new KnowledgeRetriever(store, embedder: encoder.Embedder).SearchAsync("shop", "How many clients do we have?");

        var first = matches.Examples[0];
        Assert.Equal("Count the customers", first.Item.Question);
        Assert.Null(first.LexicalRank);
        Assert.Equal(1, first.VectorRank);
    }

    public sealed class Encoder : IDisposable
    {
        public MiniLmEmbedder Embedder { get; } = new();

        public void Dispose() => Embedder.Dispose();
    }
}
