using Gateway.Evaluation.Text;

namespace Gateway.Model.Training;

/// <summary>Text metrics of generated SQL against references: exact match (after <see cref="SqlText.Normalize"/>), mean ROUGE F1 and corpus BLEU-4.</summary>
public sealed record GenerationScores(int Count, double ExactMatch, double Rouge1, double Rouge2, double RougeL, double Bleu4)
{
    public static GenerationScores Of(IReadOnlyList<(string Candidate, string Reference)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (pairs.Count == 0)
        {
            return new GenerationScores(0, 0, 0, 0, 0, 0);
        }

        double n = pairs.Count;
        return new GenerationScores(
            pairs.Count,
            pairs.Count(p => SqlText.Normalize(p.Candidate) == SqlText.Normalize(p.Reference)) / n,
            pairs.Sum(p => Rouge.N(p.Candidate, p.Reference, 1).F1) / n,
            pairs.Sum(p => Rouge.N(p.Candidate, p.Reference, 2).F1) / n,
            pairs.Sum(p => Rouge.L(p.Candidate, p.Reference).F1) / n,
            Bleu.Corpus(pairs).Score);
    }
}
