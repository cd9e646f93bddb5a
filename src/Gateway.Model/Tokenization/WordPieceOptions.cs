namespace Gateway.Model.Tokenization;

/// <summary>How a BERT WordPiece tokenizer normalises and splits; defaults are bert-base-uncased's.</summary>
public sealed record WordPieceOptions
{
    /// <summary>Lower-case the text before splitting. Default true.</summary>
    public bool LowerCase { get; init; } = true;

    /// <summary>Drop accents (HF: strip_accents, which follows do_lower_case when unset). Default true.</summary>
    public bool StripAccents { get; init; } = true;

    /// <summary>Words longer than this (after normalisation) become <see cref="UnknownToken"/>. Default 100.</summary>
    public int MaxInputCharsPerWord { get; init; } = 100;

    /// <summary>Prefix of a piece that continues a word. Default "##".</summary>
    public string ContinuationPrefix { get; init; } = "##";

    public string UnknownToken { get; init; } = "[UNK]";

    public string ClassifierToken { get; init; } = "[CLS]";

    public string SeparatorToken { get; init; } = "[SEP]";

    public string PaddingToken { get; init; } = "[PAD]";
}
