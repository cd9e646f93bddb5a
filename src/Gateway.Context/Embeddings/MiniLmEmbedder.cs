using Gateway.Model.Encoders;
using Gateway.Model.Tokenization;
using TorchSharp;

namespace Gateway.Context.Embeddings;

/// <summary>
/// Sentence vectors from a pretrained encoder carried by a NuGet package (MiniLM by default), offline: the encoder
/// and its vocabulary are read once, on first use, and shared by every later call. Calls are serialised; a forward
/// pass already uses every core.
/// </summary>
public sealed class MiniLmEmbedder : ITextEmbedder, IDisposable
{
    /// <summary>all-MiniLM-L6-v2 was trained on 256 tokens; longer texts are cut there.</summary>
    private const int MaxTokens = 256;
    private const int BatchSize = 16;

    private readonly string _encoderName;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private BertEncoder? _encoder;
    private WordPieceTokenizer? _tokenizer;

    public MiniLmEmbedder(string encoderName = "minilm")
    {
        // Fails now, not on first use, for a name no package carries.
        _encoderName = PretrainedEncoders.Find(encoderName).Name;
    }

    public string ModelId => _encoderName;

    public async Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0)
        {
            return [];
        }

        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_encoder is null || _tokenizer is null)
            {
                var vocabulary = WordPieceVocabulary.Parse(await PretrainedEncoders.ReadVocabularyAsync(_encoderName, cancellationToken).ConfigureAwait(false));
                _tokenizer = new WordPieceTokenizer(vocabulary);
                _encoder = await PretrainedEncoders.LoadAsync(_encoderName, cancellationToken).ConfigureAwait(false);
                _encoder.SetTraining(false);
            }

            var vectors = new List<float[]>(texts.Count);
            for (var start = 0; start < texts.Count; start += BatchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var batch = texts.Skip(start).Take(BatchSize).Select(t => _tokenizer.Encode(t, maxLength: MaxTokens)).ToList();
                vectors.AddRange(Forward(_encoder, _tokenizer, batch));
            }

            return vectors;
        }
        finally
        {
            _lock.Release();
        }
    }

    private static IEnumerable<float[]> Forward(BertEncoder encoder, WordPieceTokenizer tokenizer, List<WordPieceEncoding> encodings)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        using var batch = BertBatch.Create(encodings, tokenizer.PaddingId);
        var states = encoder.Forward(batch.InputIds, batch.TokenTypeIds, batch.AttentionMask);
        var sentences = SentencePooling.Embed(states, batch.AttentionMask);
        var hidden = (int)sentences.shape[1];
        var flat = sentences.to_type(torch.ScalarType.Float32).data<float>().ToArray();
        return [.. Enumerable.Range(0, encodings.Count).Select(i => flat.AsSpan(i * hidden, hidden).ToArray())];
    }

    public void Dispose()
    {
        _encoder?.Dispose();
        _lock.Dispose();
    }
}
