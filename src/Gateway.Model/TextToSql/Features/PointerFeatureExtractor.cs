using Gateway.Model.Encoders;
using Gateway.Model.TextToSql.Network;
using Gateway.Model.Tokenization;
using static TorchSharp.torch;

namespace Gateway.Model.TextToSql.Features;

/// <summary>
/// Computes an example's <see cref="ExampleFeatures"/> with a frozen encoder: the question text alone (a word is the
/// mean of the pieces inside its span of the text), and each column ("table . column"), table and non-span value as a
/// mean-pooled phrase.
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
        var questions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var example in examples)
        {
            foreach (var phrase in Phrases(example).Where(p => !cache.TryGetPhrase(p, out _)))
            {
                phrases.Add(phrase);
            }

            if (!cache.TryGetQuestion(example.Question, out _, out _))
            {
                questions.Add(example.Question);
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

        foreach (var chunk in questions.OrderBy(q => q.Length).Chunk(batchSize))
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
        cache.TryGetQuestion(example.Question, out var states, out var offsets);
        return new ExampleFeatures(
            cache.Dim,
            WordStates(example.Question, example.QuestionWords, states, offsets, cache.Dim),
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

    private void EncodeQuestions(string[] questions)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var encodings = questions.Select(q => tokenizer.Encode(q, maxLength: MaxTokens)).ToList();
        using var batch = BertBatch.Create(encodings, tokenizer.PaddingId);
        var states = encoder.Forward(batch.InputIds, batch.TokenTypeIds, batch.AttentionMask).contiguous();
        var (length, dim) = ((int)states.shape[1], cache.Dim);
        var data = states.data<float>().ToArray();
        for (var q = 0; q < questions.Length; q++)
        {
            var encoding = encodings[q];
            var pieces = new float[encoding.Length * dim];
            var offsets = new float[encoding.Length * 2];
            Array.Copy(data, q * length * dim, pieces, 0, encoding.Length * dim);
            for (var token = 0; token < encoding.Length; token++)
            {
                // Special tokens get an empty span that no word contains.
                (offsets[2 * token], offsets[(2 * token) + 1]) = encoding.IsSpecial[token] ? (-1, -1) : (encoding.Offsets[token].Start, encoding.Offsets[token].End);
            }

            cache.AddQuestion(questions[q], pieces, offsets);
        }
    }

    /// <summary>
    /// Each word's state: the mean of the pieces inside the word's span of the question (words are found in order,
    /// ignoring case); a word not found, or with no piece, takes the [CLS] state.
    /// </summary>
    internal static float[] WordStates(string question, IReadOnlyList<string> words, float[] pieces, float[] offsets, int dim)
    {
        var result = new float[words.Count * dim];
        var cursor = 0;
        for (var w = 0; w < words.Count; w++)
        {
            var at = words[w].Length == 0 ? -1 : question.IndexOf(words[w], cursor, StringComparison.OrdinalIgnoreCase);
            var (start, end) = at < 0 ? (-1, -1) : (at, at + words[w].Length);
            if (at >= 0)
            {
                cursor = end;
            }

            var count = 0;
            for (var token = 0; token < offsets.Length / 2 && start >= 0; token++)
            {
                if (offsets[2 * token] >= start && offsets[2 * token] < end)
                {
                    count++;
                    for (var k = 0; k < dim; k++)
                    {
                        result[(w * dim) + k] += pieces[(token * dim) + k];
                    }
                }
            }

            if (count == 0)
            {
                Array.Copy(pieces, 0, result, w * dim, dim);
                continue;
            }

            for (var k = 0; k < dim; k++)
            {
                result[(w * dim) + k] /= count;
            }
        }

        return result;
    }
}
