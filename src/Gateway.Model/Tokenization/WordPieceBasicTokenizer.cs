using System.Globalization;
using System.Text;

namespace Gateway.Model.Tokenization;

/// <summary>
/// BERT's BasicTokenizer: drops control characters, splits on whitespace, makes each punctuation mark and each CJK
/// ideograph a word of its own, lower-cases and strips accents. Unlike HF it keeps, for each normalised character,
/// the span of the original text it came from, so pieces can be mapped back to the question.
/// </summary>
internal static class WordPieceBasicTokenizer
{
    /// <summary>A normalised word and, per UTF-16 unit of it, the original [start, end) it came from.</summary>
    internal sealed record Word(string Text, int[] Starts, int[] Ends);

    public static List<Word> Split(string text, WordPieceOptions options)
    {
        var words = new List<Word>();
        var current = new StringBuilder();
        var starts = new List<int>();
        var ends = new List<int>();

        void Flush()
        {
            if (current.Length > 0)
            {
                words.Add(new Word(current.ToString(), [.. starts], [.. ends]));
                current.Clear();
                starts.Clear();
                ends.Clear();
            }
        }

        var index = 0;
        while (index < text.Length)
        {
            var rune = Rune.GetRuneAt(text, index);
            var (start, end) = (index, index + rune.Utf16SequenceLength);
            index = end;
            if (rune.Value == 0 || rune.Value == 0xFFFD || IsControl(rune))
            {
                continue;
            }

            if (IsWhitespace(rune))
            {
                Flush();
                continue;
            }

            var isolated = IsPunctuation(rune) || IsCjk(rune);
            if (isolated)
            {
                Flush();
            }

            var added = AppendNormalized(current, rune, options);
            for (var i = 0; i < added; i++)
            {
                starts.Add(start);
                ends.Add(end);
            }

            if (isolated)
            {
                Flush();
            }
        }

        Flush();
        return words;
    }

    // Lower-case, then fold accents: the order of HF's lower() → NFD → drop Mn. Combining marks typed as separate
    // characters are dropped too, as NFD text would have them. Returns how many UTF-16 units were appended.
    private static int AppendNormalized(StringBuilder target, Rune rune, WordPieceOptions options)
    {
        if (options.LowerCase)
        {
            rune = Rune.ToLowerInvariant(rune);
        }

        if (options.StripAccents && Rune.GetUnicodeCategory(rune) == UnicodeCategory.NonSpacingMark)
        {
            return 0;
        }

        if (rune.IsBmp)
        {
            target.Append(options.StripAccents ? WordPieceAccentTable.Fold((char)rune.Value) : (char)rune.Value);
            return 1;
        }

        target.Append(rune.ToString());
        return 2;
    }

    private static bool IsWhitespace(Rune r) =>
        r.Value is ' ' or '\t' or '\n' or '\r' || Rune.GetUnicodeCategory(r) == UnicodeCategory.SpaceSeparator;

    private static bool IsControl(Rune r)
    {
        if (r.Value is '\t' or '\n' or '\r')
        {
            return false;
        }

        var category = Rune.GetUnicodeCategory(r);
        return category is UnicodeCategory.Control or UnicodeCategory.Format;
    }

    // BERT counts all non-alphanumeric ASCII as punctuation ("$", "^", "`"), beyond Unicode's P* categories.
    private static bool IsPunctuation(Rune r)
    {
        var v = r.Value;
        if (v is (>= 33 and <= 47) or (>= 58 and <= 64) or (>= 91 and <= 96) or (>= 123 and <= 126))
        {
            return true;
        }

        return Rune.GetUnicodeCategory(r) is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
            or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;
    }

    // The CJK Unified Ideographs blocks BERT isolates (not Hiragana, Katakana or Hangul, which it treats as letters).
    private static bool IsCjk(Rune r) => r.Value is
        (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x20000 and <= 0x2A6DF) or (>= 0x2A700 and <= 0x2B73F)
        or (>= 0x2B740 and <= 0x2B81F) or (>= 0x2B820 and <= 0x2CEAF) or (>= 0xF900 and <= 0xFAFF) or (>= 0x2F800 and <= 0x2FA1F);
}
