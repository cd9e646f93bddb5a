namespace Gateway.Model.Tokenization;

/// <summary>
/// One piece: its id, its text as in the vocabulary (with "##" when it continues a word) and the span
/// [<paramref name="Start"/>, <paramref name="End"/>) of the original text it came from, so answers can copy spans.
/// </summary>
public readonly record struct WordPieceToken(int Id, string Value, int Start, int End);
