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
/// With <see cref="FeatureModes.Joint"/> features, each word, column and table also carries its state from the
/// question and the schema read as one pair (<see cref="JointSchemaText"/>), beside its phrase state; encoded values
/// have no joint state and get zeros there.
/// </summary>
public sealed class PointerFeatureExtractor(
    BertEncoder encoder, WordPieceTokenizer tokenizer, FeatureCache cache, int batchSize = 64, string features = FeatureModes.Phrase)
{
    private const int MaxTokens = 128;
    private const int MaxJointTokens = 512;
    private const int JointBatchSize = 8;

    public FeatureCache Cache => cache;

    /// <summary>Width of each item's features: the encoder's, twice that with joint features.</summary>
    public int Dim => features == FeatureModes.Joint ? 2 * cache.Dim : cache.Dim;

    /// <summary>Drops what was cached for one question (a serving process sees each question once; schemas and cells stay).</summary>
    public void Forget(PointerExample example)
    {
        ArgumentNullException.ThrowIfNull(example);
        cache.ForgetQuestion(example.Question);
        if (features == FeatureModes.Joint)
        {
            cache.ForgetJoint(JointKey(example));
        }
    }

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

        if (features != FeatureModes.Joint)
        {
            return;
        }

        var joint = examples.DistinctBy(JointKey).Where(e => !cache.TryGetJoint(JointKey(e), out _)).ToList();
        total += joint.Count;
        foreach (var chunk in joint.OrderBy(e => e.Question.Length + e.Schema.Columns.Count).Chunk(JointBatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            EncodeJoint(chunk);
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
        var words = WordStates(example.Question, example.QuestionWords, states, offsets, cache.Dim);
        var columns = Concat(schema.Columns.Select(c => ColumnPhrase(schema, c)));
        var tables = Concat(schema.Tables.Select(t => t.DisplayName));
        var values = Concat(example.Values.Where(v => v.Source != ValueSource.QuestionSpan).Select(v => ValuePhrase(schema, v)));
        if (features != FeatureModes.Joint)
        {
            return new ExampleFeatures(cache.Dim, words, columns, tables, values);
        }

        cache.TryGetJoint(JointKey(example), out var joint);
        var (w, c, t) = (example.QuestionWords.Count, schema.Columns.Count, schema.Tables.Count);
        var dim = cache.Dim;
        return new ExampleFeatures(
            2 * dim,
            Beside(words, joint.AsSpan(0, w * dim), dim),
            Beside(columns, joint.AsSpan(w * dim, c * dim), dim),
            Beside(tables, joint.AsSpan((w + c) * dim, t * dim), dim),
            Beside(values, new float[values.Length], dim));
    }

    /// <summary>The cache key of an example's joint states: its question and its schema's text.</summary>
    internal static string JointKey(PointerExample example) => example.Question + "\n" + JointSchemaText.Build(example.Schema).Text;

    // Row i of the result is row i of left followed by row i of right.
    private static float[] Beside(ReadOnlySpan<float> left, ReadOnlySpan<float> right, int dim)
    {
        var rows = left.Length / dim;
        var result = new float[rows * 2 * dim];
        for (var i = 0; i < rows; i++)
        {
            left.Slice(i * dim, dim).CopyTo(result.AsSpan(i * 2 * dim, dim));
            right.Slice(i * dim, dim).CopyTo(result.AsSpan((i * 2 * dim) + dim, dim));
        }

        return result;
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

    private void EncodeJoint(PointerExample[] examples)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var texts = examples.Select(e => JointSchemaText.Build(e.Schema)).ToList();
        var encodings = examples.Select((e, i) => tokenizer.Encode(e.Question, texts[i].Text, MaxJointTokens)).ToList();
        using var batch = BertBatch.Create(encodings, tokenizer.PaddingId);
        var states = encoder.Forward(batch.InputIds, batch.TokenTypeIds, batch.AttentionMask).contiguous();
        var (length, dim) = ((int)states.shape[1], cache.Dim);
        var data = states.data<float>().ToArray();
        for (var e = 0; e < examples.Length; e++)
        {
            var encoding = encodings[e];
            var pieces = data.AsSpan(e * length * dim, encoding.Length * dim);
            var question = new float[encoding.Length * 2];
            for (var token = 0; token < encoding.Length; token++)
            {
                var inQuestion = !encoding.IsSpecial[token] && encoding.TypeIds[token] == 0;
                (question[2 * token], question[(2 * token) + 1]) = inQuestion ? (encoding.Offsets[token].Start, encoding.Offsets[token].End) : (-1, -1);
            }

            var words = WordStates(examples[e].Question, examples[e].QuestionWords, pieces.ToArray(), question, dim);
            var items = texts[e].Columns.Concat(texts[e].Tables).ToList();
            var joint = new float[words.Length + (items.Count * dim)];
            words.CopyTo(joint, 0);
            for (var i = 0; i < items.Count; i++)
            {
                PoolSpan(encoding, pieces, items[i], joint.AsSpan(words.Length + (i * dim), dim));
            }

            cache.AddJoint(JointKey(examples[e]), joint);
        }
    }

    // The mean of the schema segment's pieces inside the span; zeros when truncation cut the item off.
    private static void PoolSpan(WordPieceEncoding encoding, ReadOnlySpan<float> pieces, (int Start, int End) span, Span<float> into)
    {
        var count = 0;
        var dim = into.Length;
        for (var token = 0; token < encoding.Length; token++)
        {
            if (encoding.IsSpecial[token] || encoding.TypeIds[token] != 1 || encoding.Offsets[token].Start < span.Start || encoding.Offsets[token].Start >= span.End)
            {
                continue;
            }

            count++;
            var piece = pieces.Slice(token * dim, dim);
            for (var k = 0; k < dim; k++)
            {
                into[k] += piece[k];
            }
        }

        for (var k = 0; k < dim && count > 1; k++)
        {
            into[k] /= count;
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
