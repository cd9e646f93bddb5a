using Gateway.Evaluation.Text;

namespace Gateway.Evaluation.Tests.Text;

public sealed class RougeTests
{
    private const double Tolerance = 1e-12;

    // Candidate "the cat sat on the mat" against reference "the cat is on the mat", six tokens each.
    [Fact]
    public void Rouge1_counts_clipped_unigram_overlap()
    {
        // Overlap: the ×2, cat, on, mat = 5 of 6 on both sides.
        var score = Rouge.N("the cat sat on the mat", "the cat is on the mat", 1);

        Assert.Equal(5.0 / 6, score.F1, Tolerance);
    }

    [Fact]
    public void Rouge2_counts_bigram_overlap()
    {
        // Bigrams shared: "the cat", "on the", "the mat" = 3 of 5 on both sides.
        var score = Rouge.N("the cat sat on the mat", "the cat is on the mat", 2);

        Assert.Equal(0.6, score.F1, Tolerance);
    }

    [Fact]
    public void RougeL_uses_the_longest_common_subsequence()
    {
        // LCS "a b d" (or "a c d") = 3 of 4, while every unigram is shared.
        Assert.Equal(0.75, Rouge.L("a b c d", "a c b d").F1, Tolerance);
        Assert.Equal(1.0, Rouge.N("a b c d", "a c b d", 1).F1, Tolerance);
    }

    [Fact]
    public void F1_is_the_harmonic_mean_of_precision_and_recall()
    {
        // "the cat" in a six-token reference: P = 1, R = 1/3, F = 2·(1/3)/(4/3) = 0.5.
        var score = Rouge.L("the cat", "the cat sat on the mat");

        Assert.Equal((1.0, 1.0 / 3, 0.5), (score.Precision, score.Recall, score.F1));
    }

    [Fact]
    public void Nothing_in_common_scores_zero()
    {
        Assert.Equal(0, Rouge.N("a b", "c d", 1).F1);
        Assert.Equal(0, Rouge.L("", "c d").F1);
    }
}
