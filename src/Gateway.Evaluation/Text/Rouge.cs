namespace Gateway.Evaluation.Text;

/// <summary>Precision, recall and their harmonic mean (F1) of one ROUGE variant.</summary>
public sealed record RougeScore(double Precision, double Recall, double F1)
{
    internal static RougeScore From(int overlap, int candidateTotal, int referenceTotal)
    {
        var precision = candidateTotal == 0 ? 0 : (double)overlap / candidateTotal;
        var recall = referenceTotal == 0 ? 0 : (double)overlap / referenceTotal;
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new RougeScore(precision, recall, f1);
    }
}

/// <summary>ROUGE-N and ROUGE-L (Lin, 2004) of one candidate against one reference, on <see cref="TextTokens"/>.</summary>
public static class Rouge
{
    /// <summary>ROUGE-N: n-gram overlap, each n-gram counted at most as often as the other side has it.</summary>
    public static RougeScore N(string candidate, string reference, int n) => N(TextTokens.Tokenize(candidate), TextTokens.Tokenize(reference), n);

    public static RougeScore N(IReadOnlyList<string> candidate, IReadOnlyList<string> reference, int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var candidateCounts = TextTokens.NGramCounts(candidate, n);
        var referenceCounts = TextTokens.NGramCounts(reference, n);
        var overlap = candidateCounts.Sum(pair => Math.Min(pair.Value, referenceCounts.GetValueOrDefault(pair.Key)));
        return RougeScore.From(overlap, candidateCounts.Values.Sum(), referenceCounts.Values.Sum());
    }

    /// <summary>ROUGE-L: the longest common subsequence over the candidate and reference lengths.</summary>
    public static RougeScore L(string candidate, string reference) => L(TextTokens.Tokenize(candidate), TextTokens.Tokenize(reference));

    public static RougeScore L(IReadOnlyList<string> candidate, IReadOnlyList<string> reference) =>
        RougeScore.From(LongestCommonSubsequence(candidate, reference), candidate.Count, reference.Count);

    internal static int LongestCommonSubsequence(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        // One row of the classic table at a time: O(|a|·|b|) time, O(|b|) memory.
        var previous = new int[b.Count + 1];
        var current = new int[b.Count + 1];
        for (var i = 1; i <= a.Count; i++)
        {
            for (var j = 1; j <= b.Count; j++)
            {
                current[j] = string.Equals(a[i - 1], b[j - 1], StringComparison.Ordinal)
                    ? previous[j - 1] + 1
                    : Math.Max(previous[j], current[j - 1]);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Count];
    }
}
