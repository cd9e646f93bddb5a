namespace Gateway.Model.TextToSql.Synthesis;

/// <summary>
/// The words a question uses for a schema item: its natural name (snake_case and camelCase split, lower case) and a
/// rough English plural or singular. Rough is enough: the names only have to read naturally, not be grammar-perfect.
/// </summary>
public static class SynthesisWords
{
    /// <summary>"OrderLines", "order_lines" and "order lines" all become "order lines".</summary>
    public static string Natural(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c is '_' or ' ' or '-' or '.')
            {
                Flush();
                continue;
            }

            // A capital after a lower-case letter or digit starts a word (camelCase), as does the last capital of a run
            // followed by lower case ("HTTPServer" -> "http server").
            var startsWord = char.IsUpper(c) && current.Length > 0
                && (!char.IsUpper(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1])));
            if (startsWord)
            {
                Flush();
            }

            current.Append(char.ToLowerInvariant(c));
        }

        Flush();
        return string.Join(' ', words);

        void Flush()
        {
            if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }
    }

    /// <summary>The plural of the last word of <paramref name="phrase"/> ("order line" -> "order lines", "category" -> "categories").</summary>
    public static string Plural(string phrase)
    {
        ArgumentNullException.ThrowIfNull(phrase);
        var (head, last) = SplitLast(phrase);
        if (last.Length == 0 || IsPlural(last))
        {
            return phrase;
        }

        string plural;
        if (last.EndsWith('y') && last.Length > 1 && !IsVowel(last[^2]))
        {
            plural = last[..^1] + "ies";
        }
        else if (last.EndsWith('s') || last.EndsWith('x') || last.EndsWith('z') || last.EndsWith("ch", StringComparison.Ordinal) || last.EndsWith("sh", StringComparison.Ordinal))
        {
            plural = last + "es";
        }
        else if (last.EndsWith("person", StringComparison.Ordinal))
        {
            plural = last[..^6] + "people";
        }
        else
        {
            plural = last + "s";
        }

        return head + plural;
    }

    /// <summary>The singular of the last word of <paramref name="phrase"/> ("customers" -> "customer", "categories" -> "category").</summary>
    public static string Singular(string phrase)
    {
        ArgumentNullException.ThrowIfNull(phrase);
        var (head, last) = SplitLast(phrase);
        if (!IsPlural(last))
        {
            return phrase;
        }

        string singular;
        if (last.EndsWith("ies", StringComparison.Ordinal))
        {
            singular = last[..^3] + "y";
        }
        else if (last.EndsWith("sses", StringComparison.Ordinal) || last.EndsWith("xes", StringComparison.Ordinal) || last.EndsWith("ches", StringComparison.Ordinal)
            || last.EndsWith("shes", StringComparison.Ordinal))
        {
            singular = last[..^2];
        }
        else if (last.EndsWith("people", StringComparison.Ordinal))
        {
            singular = last[..^6] + "person";
        }
        else
        {
            singular = last[..^1];
        }

        return head + singular;
    }

    private static bool IsPlural(string word) =>
        word.EndsWith("people", StringComparison.Ordinal)
        || (word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) && !word.EndsWith("us", StringComparison.Ordinal)
            && !word.EndsWith("is", StringComparison.Ordinal));

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';

    private static (string Head, string Last) SplitLast(string phrase)
    {
        var space = phrase.LastIndexOf(' ');
        return space < 0 ? ("", phrase) : (phrase[..(space + 1)], phrase[(space + 1)..]);
    }
}
