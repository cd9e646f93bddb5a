using System.Collections.Concurrent;
using Gateway.Context.Embeddings;
using Gateway.Context.Knowledge;
using Gateway.Context.Text;

namespace Gateway.Context.Retrieval;

/// <summary>
/// Finds the knowledge closest to a question: BM25 over the items' terms and cosine similarity of their sentence
/// vectors, fused by reciprocal rank, separately for documentation and for question-SQL pairs. A pair whose
/// question is the same question (case, spacing and end punctuation aside) always comes first.
/// </summary>
public sealed class KnowledgeRetriever(IKnowledgeStore store, RetrievalOptions? options = null, ITextEmbedder? embedder = null)
{
    private readonly RetrievalOptions _options = options ?? new RetrievalOptions();

    /// <summary>Vectors of items stored without one (or with another model's), computed once per item.</summary>
    private readonly ConcurrentDictionary<string, float[]> _lateVectors = new(StringComparer.Ordinal);

    public ITextEmbedder? Embedder => embedder;

    /// <summary>
    /// <paramref name="questionVector"/> is the question's vector from <see cref="Embedder"/> when the caller has it
    /// already (schema linking computes it too); null computes it here.
    /// </summary>
    public async Task<KnowledgeMatches> SearchAsync(string source, string question, float[]? questionVector = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentNullException.ThrowIfNull(question);
        var items = await store.ListAsync(source, cancellationToken).ConfigureAwait(false);
        if (items.Count == 0)
        {
            return KnowledgeMatches.None;
        }

        IReadOnlyList<float[]?> vectors = new float[]?[items.Count];
        if (embedder is not null)
        {
            questionVector ??= (await embedder.EmbedAsync([question], cancellationToken).ConfigureAwait(false))[0];
            vectors = await VectorsAsync(embedder, items, cancellationToken).ConfigureAwait(false);
        }

        var docs = Rank(items, vectors, question, questionVector, i => i.Kind != KnowledgeKind.QuestionSql, _options.TopDocuments);
        var pairs = Rank(items, vectors, question, questionVector, i => i.Kind == KnowledgeKind.QuestionSql, _options.TopExamples);
        return new KnowledgeMatches(docs, pairs);
    }

    private List<KnowledgeMatch> Rank(IReadOnlyList<KnowledgeItem> all, IReadOnlyList<float[]?> allVectors, string question, float[]? questionVector, Func<KnowledgeItem, bool> include, int top)
    {
        var indexes = Enumerable.Range(0, all.Count).Where(i => include(all[i])).ToList();
        if (indexes.Count == 0 || top <= 0)
        {
            return [];
        }

        var index = new Bm25Index([.. indexes.Select(i => TextTerms.Of(all[i].SearchText))], _options.Bm25);
        var lexical = index.Search(TextTerms.Of(question)).Select(h => indexes[h.Document]).ToList();

        var similarity = new Dictionary<int, double>();
        var vector = new List<int>();
        if (questionVector is not null)
        {
            foreach (var i in indexes)
            {
                if (allVectors[i] is { } v)
                {
                    similarity[i] = Vectors.Cosine(questionVector, v);
                }
            }

            vector = [.. similarity.Where(s => s.Value >= _options.MinSimilarity).OrderByDescending(s => s.Value).Select(s => s.Key)];
        }

        var fused = RankFusion.Fuse([lexical, vector], _options.FusionK);
        var matches = fused.Select(f => new KnowledgeMatch(
            all[f.Item],
            f.Score,
            RankOf(lexical, f.Item),
            RankOf(vector, f.Item),
            similarity.TryGetValue(f.Item, out var s) ? s : null,
            QuestionText.SameQuestion(question, all[f.Item].Question))).ToList();

        // An exact repeat goes first even when neither ranker put it there (a question of stop words only).
        foreach (var i in indexes.Where(i => all[i].Kind == KnowledgeKind.QuestionSql && QuestionText.SameQuestion(question, all[i].Question)))
        {
            if (!matches.Any(m => ReferenceEquals(m.Item, all[i])))
            {
                matches.Add(new KnowledgeMatch(all[i], 0, null, null, similarity.TryGetValue(i, out var s) ? s : null, true));
            }
        }

        // Newest first among exact repeats: a corrected answer replaces the one it corrects.
        return [.. matches
            .OrderByDescending(m => m.ExactRepeat)
            .ThenByDescending(m => m.ExactRepeat ? m.Item.Created : DateTimeOffset.MinValue)
            .Take(top)];
    }

    private async Task<IReadOnlyList<float[]?>> VectorsAsync(ITextEmbedder model, IReadOnlyList<KnowledgeItem> items, CancellationToken cancellationToken)
    {
        var vectors = new float[]?[items.Count];
        var missing = new List<int>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (item.Embedding is not null && item.EmbeddingModel == model.ModelId)
            {
                vectors[i] = item.Embedding;
            }
            else if (_lateVectors.TryGetValue(LateKey(model, item), out var late))
            {
                vectors[i] = late;
            }
            else
            {
                missing.Add(i);
            }
        }

        if (missing.Count > 0)
        {
            var computed = await model.EmbedAsync([.. missing.Select(i => items[i].SearchText)], cancellationToken).ConfigureAwait(false);
            for (var j = 0; j < missing.Count; j++)
            {
                vectors[missing[j]] = computed[j];
                _lateVectors[LateKey(model, items[missing[j]])] = computed[j];
            }
        }

        return vectors;
    }

    private static string LateKey(ITextEmbedder model, KnowledgeItem item) => $"{model.ModelId}\n{item.Id}";

    private static int? RankOf(List<int> ranking, int item)
    {
        var at = ranking.IndexOf(item);
        return at < 0 ? null : at + 1;
    }
}
