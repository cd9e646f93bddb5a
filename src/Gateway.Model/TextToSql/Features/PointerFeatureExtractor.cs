using Gateway.Model.Encoders;
using Gateway.Model.TextToSql.Network;
using Gateway.Model.Tokenization;
using static TorchSharp.torch;

namespace Gateway.Model.TextToSql.Features;

/// <summary>
/// Computes an example's <see cref="ExampleFeatures"/> with a frozen encoder: the question alone (a word is the mean
/// of its word pieces' states), and each column ("table . column"), table and non-span value as a mean-pooled phrase.
/// Everything goes through a <see cref="FeatureCache"/>, so a schema's phrases are encoded once.
/// </summary>
public sealed class PointerFeatureExtractor(BertEncoder encoder, WordPieceTokenizer tokenizer, FeatureCache cache, int batchSize = 64)
{
    private const int MaxTokens = 128;

    public FeatureCache Cache => cache;

    /// <summary>The phrase a column is encoded as; <c>*</c> stays <c>*</c>.</summary>
    public static string ColumnPhrase(PointerSchema schema, PointerColumn column)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(column);
        return column.TableIndex < 0 || column.TableIndex >= schema.Tables.Count
            ? column.DisplayName
            : $"{schema.Tables[column.TableIndex].DisplayName} . {column.DisplayName}";
    }

    /// <summary>The phrase a database cell or constant is encoded as (cells carry their column's name).</summary>
    public static string ValuePhrase(PointerSchema schema, ValueCandidate value)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(value);
        return value.Source == ValueSource.DatabaseCell && value.ColumnIndex > 0 && value.ColumnIndex < schema.Columns.Count
            ? $"{schema.Columns[value.ColumnIndex].DisplayName} : {value.Text}"
            : value.Text;
    }

    /// <summary>Encodes whatever the cache lacks for <paramref name="examples"/>, in length-sorted batches.</summary>
    public void Precompute(IReadOnlyList<PointerExample> examples, IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var phrases = new HashSet<string>(StringComparer.Ordinal);
        var questions = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var example in examples)
        {
            foreach (var phrase in Phrases(example).Where(p => !cache.TryGetPhrase(p, out _)))
            {
                phrases.Add(phrase);
            }

            if (!cache.TryGetQuestion(example.QuestionWords, out _))
            {
                questions[FeatureCache.QuestionKey(example.QuestionWords)] = example.QuestionWords;
            }
        }

        var total = phrases.Count + questions.Count;
        var done = 0;
        foreach (var chunk in phrases.OrderBy(p => p.Length).Chunk(batchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            EncodePhrases(chunk);
            done += chunk.Length;
            progress?.Report((done, total));
        }

        foreach (var chunk in questions.Values.OrderBy(q => q.Count).Chunk(batchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            EncodeQuestions(chunk);
            done += chunk.Length;
            progress?.Report((done, total));
        }
    }

    /// <summary>The features of <paramref name="example"/>, encoding what the cache lacks.</summary>
    public ExampleFeatures Features(PointerExample example)
    {
        ArgumentNullException.ThrowIfNull(example);
        Precompute([example]);
        var schema = example.Schema;
        cache.TryGetQuestion(example.QuestionWords, out var words);
        return new ExampleFeatures(
            cache.Dim,
            words,
            Concat(schema.Columns.Select(c => ColumnPhrase(schema, c))),
            Concat(schema.Tables.Select(t => t.DisplayName)),
            Concat(example.Values.Where(v => v.Source != ValueSource.QuestionSpan).Select(v => ValuePhrase(schema, v))));
    }

    private static IEnumerable<string> Phrases(PointerExample example)
    {
        var schema = example.Schema;
        return schema.Columns.Select(c => ColumnPhrase(schema, c))
            .Concat(schema.Tables.Select(t => t.DisplayName))
            .Concat(example.Values.Where(v => v.Source != ValueSource.QuestionSpan).Select(v => ValuePhrase(schema, v)));
    }

    private float[] Concat(IEnumerable<string> phrases)
    {
        var vectors = phrases.Select(p => cache.TryGetPhrase(p, out var v) ? v : throw new InvalidOperationException($"phrase '{p}' was not encoded")).ToList();
        var all = new float[vectors.Count * cache.Dim];
        for (var i = 0; i < vectors.Count; i++)
        {
            vectors[i].CopyTo(all, i * cache.Dim);
        }

        return all;
    }

    private void EncodePhrases(string[] phrases)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var encodings = phrases.Select(p => tokenizer.Encode(p, maxLength: MaxTokens)).ToList();
        using var batch = BertBatch.Create(encodings, tokenizer.PaddingId);
        var states = encoder.Forward(batch.InputIds, batch.TokenTypeIds, batch.AttentionMask);
        var pooled = SentencePooling.MeanPool(states, batch.AttentionMask).contiguous().data<float>().ToArray();
        for (var i = 0; i < phrases.Length; i++)
        {
            cache.AddPhrase(phrases[i], pooled.AsSpan(i * cache.Dim, cache.Dim).ToArray());
        }
    }

    private void EncodeQuestions(IReadOnlyList<string>[] questions)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var texts = new List<string>();
        var ranges = new List<(int Start, int End)[]>();
        foreach (var words in questions)
        {
            var wordRanges = new (int, int)[words.Count];
            var position = 0;
            for (var w = 0; w < words.Count; w++)
            {
                wordRanges[w] = (position, position + words[w].Length);
                position += words[w].Length + 1;
            }

            texts.Add(string.Join(' ', words));
            ranges.Add(wordRanges);
        }

        var encodings = texts.Select(t => tokenizer.Encode(t, maxLength: MaxTokens)).ToList();
        using var batch = BertBatch.Create(encodings, tokenizer.PaddingId);
        var states = encoder.Forward(batch.InputIds, batch.TokenTypeIds, batch.AttentionMask).contiguous();
        var (length, dim) = ((int)states.shape[1], cache.Dim);
        var data = states.data<float>().ToArray();
        for (var q = 0; q < questions.Length; q++)
        {
            var words = questions[q];
            var encoding = encodings[q];
            var result = new float[words.Count * dim];
            var counts = new int[words.Count];
            for (var token = 0; token < encoding.Length; token++)
            {
                if (encoding.IsSpecial[token])
                {
                    continue;
                }

                var word = WordAt(ranges[q], encoding.Offsets[token].Start);
                if (word < 0)
                {
                    continue;
                }

                counts[word]++;
                var source = ((q * length) + token) * dim;
                for (var k = 0; k < dim; k++)
                {
                    result[(word * dim) + k] += data[source + k];
                }
            }

            for (var w = 0; w < words.Count; w++)
            {
                // A word with no piece (cut by the token limit, or dropped by the tokenizer) takes the [CLS] state.
                if (counts[w] == 0)
                {
                    Array.Copy(data, q * length * dim, result, w * dim, dim);
                    continue;
                }

                for (var k = 0; k < dim; k++)
                {
                    result[(w * dim) + k] /= counts[w];
                }
            }

            cache.AddQuestion(words, result);
        }
    }

    private static int WordAt((int Start, int End)[] ranges, int offset)
    {
        for (var w = 0; w < ranges.Length; w++)
        {
            if (offset >= ranges[w].Start && offset < Math.Max(ranges[w].End, ranges[w].Start + 1))
            {
                return w;
            }
        }

        return -1;
    }
}
