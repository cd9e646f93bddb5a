namespace Gateway.Evaluation.Text;

/// <summary>A corpus BLEU score with the parts it is made of.</summary>
/// <param name="Score">The geometric mean of the (smoothed) precisions times the brevity penalty, in [0, 1].</param>
/// <param name="Precisions">The modified n-gram precisions p1..p4 as used, smoothing included.</param>
/// <param name="BrevityPenalty">exp(1 - r/c) when the candidates are shorter than the references (c &lt; r), else 1.</param>
/// <param name="CandidateLength">c: all candidate tokens.</param>
/// <param name="ReferenceLength">r: for each candidate, the length of the reference closest to it (the shorter on ties).</param>
public sealed record BleuScore(double Score, IReadOnlyList<double> Precisions, double BrevityPenalty, int CandidateLength, int ReferenceLength);

/// <summary>
/// Corpus-level BLEU-4 (Papineni et al., 2002): clipped n-gram matches and totals are summed over the whole corpus
/// before dividing. Smoothing: add-one on the precisions for n ≥ 2 (Lin and Och, 2004), so that one missing 4-gram
/// does not zero a short corpus; p1 is never smoothed, so a corpus with no word in common scores 0.
/// </summary>
public static class Bleu
{
    public const int MaxOrder = 4;

    /// <summary>Scores candidates against one reference each, on <see cref="TextTokens"/>.</summary>
    public static BleuScore Corpus(IEnumerable<(string Candidate, string Reference)> pairs) =>
        Corpus(pairs.Select(p => (TextTokens.Tokenize(p.Candidate), (IReadOnlyList<IReadOnlyList<string>>)[TextTokens.Tokenize(p.Reference)])));

    public static BleuScore Corpus(IEnumerable<(IReadOnlyList<string> Candidate, IReadOnlyList<IReadOnlyList<string>> References)> items)
    {
        var matches = new long[MaxOrder];
        var totals = new long[MaxOrder];
        int candidateLength = 0, referenceLength = 0;
        foreach (var (candidate, references) in items)
        {
            if (references.Count == 0)
            {
                throw new ArgumentException("every candidate needs at least one reference", nameof(items));
            }

            candidateLength += candidate.Count;
            referenceLength += ClosestLength(candidate.Count, references);
            for (var n = 1; n <= MaxOrder; n++)
            {
                var counts = TextTokens.NGramCounts(candidate, n);
                var maxReference = MaxReferenceCounts(references, n);
                matches[n - 1] += counts.Sum(pair => Math.Min(pair.Value, maxReference.GetValueOrDefault(pair.Key)));
                totals[n - 1] += counts.Values.Sum();
            }
        }

        var precisions = new double[MaxOrder];
        for (var n = 0; n < MaxOrder; n++)
        {
            precisions[n] = n == 0
                ? totals[0] == 0 ? 0 : (double)matches[0] / totals[0]
                : (matches[n] + 1.0) / (totals[n] + 1.0);
        }

        var penalty = candidateLength == 0 ? 0 : candidateLength >= referenceLength ? 1 : Math.Exp(1 - (double)referenceLength / candidateLength);
        var score = precisions[0] == 0 ? 0 : penalty * Math.Exp(precisions.Average(Math.Log));
        return new BleuScore(score, precisions, penalty, candidateLength, referenceLength);
    }

    private static int ClosestLength(int length, IReadOnlyList<IReadOnlyList<string>> references) =>
        references.Select(r => r.Count).OrderBy(r => Math.Abs(r - length)).ThenBy(r => r).First();

    private static Dictionary<string, int> MaxReferenceCounts(IReadOnlyList<IReadOnlyList<string>> references, int n)
    {
        var max = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var reference in references)
        {
            foreach (var (gram, count) in TextTokens.NGramCounts(reference, n))
            {
                max[gram] = Math.Max(max.GetValueOrDefault(gram), count);
            }
        }

        return max;
    }
}
