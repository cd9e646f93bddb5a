using Gateway.Evaluation.Text;

namespace Gateway.Evaluation.Tests.Text;

public sealed class BleuTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void Identical_text_scores_one()
    {
        Assert.Equal(1.0, Bleu.Corpus([("select name from singer", "select name from singer")]).Score, Tolerance);
    }

    [Fact]
    public void Smooths_higher_orders_with_add_one()
    {
        // p1 = 5/6; p2 = (3+1)/(5+1); p3 = (1+1)/(4+1); p4 = (0+1)/(3+1); equal lengths, so no penalty.
        // BLEU = (5/6 · 2/3 · 2/5 · 1/4)^(1/4) = (1/18)^(1/4).
        var score = Bleu.Corpus([("the cat sat on the mat", "the cat is on the mat")]);

        Assert.Equal([5.0 / 6, 4.0 / 6, 2.0 / 5, 1.0 / 4], score.Precisions);
        Assert.Equal(Math.Pow(1.0 / 18, 0.25), score.Score, Tolerance);
    }

    [Fact]
    public void Short_candidates_pay_the_brevity_penalty()
    {
        // c = 2, r = 6: BP = exp(1 - 6/2) = e^-2; every precision is 1 (p3 and p4 are 1/1 after smoothing).
        var score = Bleu.Corpus([("the cat", "the cat sat on the mat")]);

        Assert.Equal(Math.Exp(-2), score.BrevityPenalty, Tolerance);
        Assert.Equal(Math.Exp(-2), score.Score, Tolerance);
    }

    [Fact]
    public void Counts_are_summed_over_the_corpus_before_dividing()
    {
        // Unigrams: 2 of 2 matched plus 0 of 2 = 2/4, not the mean of per-sentence scores.
        var score = Bleu.Corpus([("a b", "a b"), ("c d", "e f")]);

        Assert.Equal(0.5, score.Precisions[0], Tolerance);
        Assert.Equal(4, score.CandidateLength);
    }

    [Fact]
    public void Clips_repeated_words_to_their_count_in_the_reference()
    {
        // "the the the the" against "the cat": "the" counts once, so p1 = 1/4.
        Assert.Equal(0.25, Bleu.Corpus([("the the the the", "the cat")]).Precisions[0], Tolerance);
    }

    [Fact]
    public void No_shared_word_scores_zero()
    {
        Assert.Equal(0, Bleu.Corpus([("a b c d", "e f g h")]).Score);
    }
}
