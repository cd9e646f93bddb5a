using Gateway.Context.Retrieval;

namespace Gateway.Context.Tests.Retrieval;

public sealed class Bm25IndexTests
{
    [Fact]
    public void Score_equals_the_formula_worked_by_hand()
    {
        // N = 2, "dog" is in one document: idf = ln(1 + 1.5 / 1.5) = ln 2. avgdl = 1.5, |d0| = 2:
        // norm = 0.25 + 0.75 · 2 / 1.5 = 1.25; score = ln 2 · 1 · 2.2 / (1 + 1.2 · 1.25) = 0.88 · ln 2.
        var index = new Bm25Index([["cat", "dog"], ["cat"]]);

        Assert.Equal(0.88 * Math.Log(2), index.Score(["dog"], 0), precision: 12);
        Assert.Equal(0, index.Score(["dog"], 1));
    }

    [Fact]
    public void A_rare_term_outweighs_a_common_one()
    {
        var index = new Bm25Index([["revenue", "total"], ["churn", "total"], ["total", "margin"]]);

        var hits = index.Search(["churn", "total"]);

        Assert.Equal(1, hits[0].Document);
    }

    [Fact]
    public void The_shorter_document_wins_at_equal_term_frequency()
    {
        var index = new Bm25Index([["refund", "policy", "for", "damaged", "goods", "shipped", "abroad"], ["refund", "policy"]]);

        var hits = index.Search(["refund"]);

        Assert.Equal([1, 0], hits.Select(h => h.Document));
    }

    [Fact]
    public void Term_frequency_saturates()
    {
        var index = new Bm25Index([["sale", "x"], ["sale", "sale"], ["other", "x"]]);

        var once = index.Score(["sale"], 0);
        var twice = index.Score(["sale"], 1);

        Assert.True(twice > once, $"{twice} should exceed {once}");
        Assert.True(twice < 2 * once, $"{twice} should be under twice {once}");
    }

    [Fact]
    public void Documents_sharing_no_term_with_the_query_are_not_returned()
    {
        var index = new Bm25Index([["alpha"], ["beta"]]);

        Assert.Equal([0], index.Search(["alpha", "gamma"]).Select(h => h.Document));
    }

    [Fact]
    public void Inverse_document_frequency_is_never_negative()
    {
        var index = new Bm25Index([["everywhere"], ["everywhere"], ["everywhere"]]);

        Assert.True(index.InverseDocumentFrequency("everywhere") > 0);
    }
}
