namespace Gateway.Context.Text;

/// <summary>
/// A deliberately small English stemmer: plural and verb endings only (<c>categories</c> → <c>category</c>,
/// <c>orders</c>, <c>ordered</c>, <c>ordering</c> → <c>order</c>). Enough to match a question's words to table
/// and column names, which are mostly nouns; a full Porter stemmer would merge words that names keep apart.
/// </summary>
public static class LightStemmer
{
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length <= 3 || !char.IsLetter(word[^1]))
        {
            return word;
        }

        if (word.EndsWith("ies", StringComparison.Ordinal) && word.Length > 4)
        {
            return word[..^3] + "y";
        }

        if (word.EndsWith("sses", StringComparison.Ordinal) || word.EndsWith("shes", StringComparison.Ordinal)
            || word.EndsWith("ches", StringComparison.Ordinal) || word.EndsWith("xes", StringComparison.Ordinal))
        {
            return word[..^2];
        }

        if (word.EndsWith("ing", StringComparison.Ordinal) && word.Length > 5)
        {
            return Undouble(word[..^3]);
        }

        if (word.EndsWith("ed", StringComparison.Ordinal) && word.Length > 4)
        {
            return Undouble(word[..^2]);
        }

        // "status", "class", "analysis": an s after s, u or i is not a plural.
        if (word[^1] == 's' && word[^2] is not ('s' or 'u' or 'i'))
        {
            return word[..^1];
        }

        return word;
    }

    /// <summary><c>shipp</c> → <c>ship</c>, but <c>sell</c> stays.</summary>
    private static string Undouble(string stem) =>
        stem.Length > 2 && stem[^1] == stem[^2] && stem[^1] is not ('l' or 's' or 'z') ? stem[..^1] : stem;
}
