using System.Text;

namespace Gateway.Context.Text;

/// <summary>
/// Splits text into the terms lexical matching compares: lower case, letters and digits only, identifiers split at
/// underscores and camelCase humps (<c>orderItems</c>, <c>order_items</c> → <c>order</c>, <c>item</c>), common
/// English stop words dropped, each term reduced by <see cref="LightStemmer"/>.
/// </summary>
public static class TextTerms
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "by", "did", "do", "does", "for", "from", "had", "has", "have",
        "how", "i", "in", "into", "is", "it", "its", "me", "my", "of", "on", "or", "our", "show", "than", "that",
        "the", "their", "them", "there", "these", "this", "those", "to", "was", "we", "were", "what", "when",
        "where", "which", "who", "whom", "why", "with", "you", "your", "list", "give", "get", "find", "tell",
        "please", "all", "each", "per", "many", "much",
    };

    /// <summary>The stemmed terms of <paramref name="text"/>, in order, repeats kept (BM25 counts them).</summary>
    public static IReadOnlyList<string> Of(string? text)
    {
        var terms = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return terms;
        }

        foreach (var word in Words(text))
        {
            var lower = word.ToLowerInvariant();
            if (StopWords.Contains(lower))
            {
                continue;
            }

            terms.Add(LightStemmer.Stem(lower));
        }

        return terms;
    }

    /// <summary>The distinct terms of <paramref name="text"/>.</summary>
    public static HashSet<string> SetOf(string? text) => new(Of(text), StringComparer.Ordinal);

    /// <summary>Runs of letters or digits, split again where a lower-case letter meets an upper-case one; case kept.</summary>
    public static IEnumerable<string> Words(string text)
    {
        var word = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!char.IsLetterOrDigit(c))
            {
                if (word.Length > 0)
                {
                    yield return word.ToString();
                    word.Clear();
                }

                continue;
            }

            if (word.Length > 0 && char.IsUpper(c) && char.IsLower(text[i - 1]))
            {
                yield return word.ToString();
                word.Clear();
            }

            word.Append(c);
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }
}
