namespace Gateway.Context.Retrieval;

/// <summary>
/// Okapi BM25 over a fixed set of documents, each given as its terms (see <see cref="Text.TextTerms"/>). A document's
/// score for a query is the sum over the query's distinct terms t of
/// <c>idf(t) · f·(k1+1) / (f + k1·(1 − b + b·|d|/avgdl))</c>, with f the count of t in the document and
/// <c>idf(t) = ln(1 + (N − n + 0.5)/(n + 0.5))</c> (n documents hold t; never negative, unlike the original form).
/// </summary>
public sealed class Bm25Index
{
    private readonly List<Dictionary<string, int>> _counts;
    private readonly int[] _lengths;
    private readonly Dictionary<string, int> _documentFrequency = new(StringComparer.Ordinal);
    private readonly double _averageLength;

    public Bm25Index(IReadOnlyList<IReadOnlyList<string>> documents, Bm25Parameters? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(documents);
        Parameters = parameters ?? Bm25Parameters.Default;
        _counts = new List<Dictionary<string, int>>(documents.Count);
        _lengths = new int[documents.Count];
        for (var i = 0; i < documents.Count; i++)
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var term in documents[i])
            {
                counts[term] = counts.GetValueOrDefault(term) + 1;
            }

            foreach (var term in counts.Keys)
            {
                _documentFrequency[term] = _documentFrequency.GetValueOrDefault(term) + 1;
            }

            _counts.Add(counts);
            _lengths[i] = documents[i].Count;
        }

        _averageLength = documents.Count == 0 ? 0 : _lengths.Average();
    }

    public Bm25Parameters Parameters { get; }

    public int Count => _counts.Count;

    public double InverseDocumentFrequency(string term)
    {
        var n = _documentFrequency.GetValueOrDefault(term);
        return Math.Log(1 + ((Count - n + 0.5) / (n + 0.5)));
    }

    public double Score(IReadOnlyList<string> queryTerms, int document)
    {
        ArgumentNullException.ThrowIfNull(queryTerms);
        var counts = _counts[document];
        var (k1, b) = (Parameters.K1, Parameters.B);
        var norm = _averageLength == 0 ? 1 : 1 - b + (b * _lengths[document] / _averageLength);
        var score = 0.0;
        foreach (var term in queryTerms.Distinct(StringComparer.Ordinal))
        {
            if (counts.TryGetValue(term, out var f))
            {
                score += InverseDocumentFrequency(term) * (f * (k1 + 1)) / (f + (k1 * norm));
            }
        }

        return score;
    }

    /// <summary>Documents with a positive score, best first; ties keep document order.</summary>
    public IReadOnlyList<(int Document, double Score)> Search(IReadOnlyList<string> queryTerms)
    {
        var hits = new List<(int Document, double Score)>();
        for (var i = 0; i < Count; i++)
        {
            var score = Score(queryTerms, i);
            if (score > 0)
            {
                hits.Add((i, score));
            }
        }

        // A stable sort: equal scores stay in document order, so results are reproducible.
        return [.. hits.OrderByDescending(h => h.Score)];
    }
}

/// <summary>BM25's term-frequency saturation <see cref="K1"/> and length normalisation <see cref="B"/>.</summary>
public sealed record Bm25Parameters(double K1 = 1.2, double B = 0.75)
{
    public static Bm25Parameters Default { get; } = new();
}
