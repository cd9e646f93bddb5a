namespace Gateway.Model.Tokenization;

/// <summary>
/// <c>[CLS] a [SEP]</c> or <c>[CLS] a [SEP] b [SEP]</c>: ids, token type ids (0 for the first segment and its
/// markers, 1 for the second) and offsets into the segment's own text (special tokens get an empty span at 0).
/// </summary>
public sealed record WordPieceEncoding(
    IReadOnlyList<int> Ids, IReadOnlyList<int> TypeIds, IReadOnlyList<(int Start, int End)> Offsets, IReadOnlyList<bool> IsSpecial)
{
    public int Length => Ids.Count;
}
