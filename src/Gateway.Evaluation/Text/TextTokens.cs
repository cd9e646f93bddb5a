namespace Gateway.Evaluation.Text;

/// <summary>
/// The tokens the text metrics count: lower-cased runs of letters, digits and underscores, and every other
/// non-space character on its own, so <c>count(*)</c> is <c>count ( * )</c>.
/// </summary>
public static class TextTokens
{
    public static IReadOnlyList<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var isWord = i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_');
            if (isWord)
            {
                if (start < 0)
                {
                    start = i;
                }

                continue;
            }

            if (start >= 0)
            {
                tokens.Add(text[start..i].ToLowerInvariant());
                start = -1;
            }

            if (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                tokens.Add(text[i].ToString());
            }
        }

        return tokens;
    }

    /// <summary>The n-grams of a token list with how often each occurs.</summary>
    internal static Dictionary<string, int> NGramCounts(IReadOnlyList<string> tokens, int n)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i + n <= tokens.Count; i++)
        {
            // U+0001 cannot occur inside a token, so joined keys never collide.
            var key = string.Join('\u0001', tokens.Skip(i).Take(n));
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        return counts;
    }
}
