namespace Gateway.Model.Tokenization;

/// <summary>
/// BERT's uncased WordPiece tokenizer over a <c>vocab.txt</c>, with offsets into the original text. Written here
/// rather than on Microsoft.ML.Tokenizers' <c>BertTokenizer</c>: that one strips accents with
/// <c>string.Normalize(FormD)</c>, a no-op under InvariantGlobalization ("café" became [UNK]), and reports offsets
/// into its normalised text rather than the input.
/// </summary>
public sealed class WordPieceTokenizer
{
    private readonly int _unknownId;

    public WordPieceTokenizer(WordPieceVocabulary vocabulary, WordPieceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        Vocabulary = vocabulary;
        Options = options ?? new WordPieceOptions();
        _unknownId = vocabulary.GetId(Options.UnknownToken);
        ClassifierId = vocabulary.GetId(Options.ClassifierToken);
        SeparatorId = vocabulary.GetId(Options.SeparatorToken);
        PaddingId = vocabulary.TryGetId(Options.PaddingToken, out var pad) ? pad : 0;
    }

    public WordPieceVocabulary Vocabulary { get; }

    public WordPieceOptions Options { get; }

    public int ClassifierId { get; }

    public int SeparatorId { get; }

    public int PaddingId { get; }

    public static async Task<WordPieceTokenizer> LoadAsync(string vocabPath, WordPieceOptions? options = null, CancellationToken cancellationToken = default) =>
        new(await WordPieceVocabulary.LoadAsync(vocabPath, cancellationToken).ConfigureAwait(false), options);

    /// <summary>The pieces of <paramref name="text"/>, without special tokens.</summary>
    public IReadOnlyList<WordPieceToken> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<WordPieceToken>();
        foreach (var word in WordPieceBasicTokenizer.Split(text, Options))
        {
            SplitWord(word, tokens);
        }

        return tokens;
    }

    /// <summary>
    /// <c>[CLS] a [SEP]</c> (or <c>[CLS] a [SEP] b [SEP]</c>) cut to <paramref name="maxLength"/> tokens by
    /// removing pieces from the end of the longer segment first (HF's "longest_first").
    /// </summary>
    public WordPieceEncoding Encode(string first, string? second = null, int maxLength = 512)
    {
        var a = Tokenize(first).ToList();
        var b = second is null ? null : Tokenize(second).ToList();
        var specials = b is null ? 2 : 3;
        if (maxLength < specials)
        {
            throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, $"at least {specials} tokens are needed for the special tokens");
        }

        while (a.Count + (b?.Count ?? 0) > maxLength - specials)
        {
            var fromSecond = b is not null && b.Count >= a.Count && b.Count > 0;
            (fromSecond ? b! : a).RemoveAt((fromSecond ? b! : a).Count - 1);
        }

        var ids = new List<int>();
        var types = new List<int>();
        var offsets = new List<(int, int)>();
        var special = new List<bool>();

        void Add(int id, int type, (int, int) span, bool isSpecial)
        {
            ids.Add(id);
            types.Add(type);
            offsets.Add(span);
            special.Add(isSpecial);
        }

        Add(ClassifierId, 0, (0, 0), true);
        a.ForEach(t => Add(t.Id, 0, (t.Start, t.End), false));
        Add(SeparatorId, 0, (0, 0), true);
        if (b is not null)
        {
            b.ForEach(t => Add(t.Id, 1, (t.Start, t.End), false));
            Add(SeparatorId, 1, (0, 0), true);
        }

        return new WordPieceEncoding(ids, types, offsets, special);
    }

    // Greedy longest match first; a word with any unmatched remainder becomes a single [UNK], as in BERT.
    private void SplitWord(WordPieceBasicTokenizer.Word word, List<WordPieceToken> tokens)
    {
        var text = word.Text;
        var whole = new WordPieceToken(_unknownId, Options.UnknownToken, word.Starts[0], word.Ends[^1]);
        if (CountCodePoints(text) > Options.MaxInputCharsPerWord)
        {
            tokens.Add(whole);
            return;
        }

        var pieces = new List<WordPieceToken>();
        var start = 0;
        while (start < text.Length)
        {
            var found = false;
            for (var end = text.Length; end > start; end--)
            {
                if (end < text.Length && char.IsLowSurrogate(text[end]))
                {
                    continue; // never cut a surrogate pair in two
                }

                var piece = start > 0 ? Options.ContinuationPrefix + text[start..end] : text[start..end];
                if (Vocabulary.TryGetId(piece, out var id))
                {
                    pieces.Add(new WordPieceToken(id, piece, word.Starts[start], word.Ends[end - 1]));
                    start = end;
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                tokens.Add(whole);
                return;
            }
        }

        tokens.AddRange(pieces);
    }

    private static int CountCodePoints(string s) => s.Length - s.Count(char.IsLowSurrogate);
}
