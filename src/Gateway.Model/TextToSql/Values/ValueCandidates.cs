using System.Globalization;

namespace Gateway.Model.TextToSql;

/// <summary>
/// The values the decoder may point at: question spans (numbers, words written as numbers, quoted phrases), database
/// cells a span names (same text ignoring case, or the same stem), and a few constants. Spans come first, then cells,
/// then constants; texts are not repeated within a source.
/// </summary>
public static class ValueCandidates
{
    private static readonly Dictionary<string, string> NumberWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["one"] = "1", ["two"] = "2", ["three"] = "3", ["four"] = "4", ["five"] = "5", ["six"] = "6", ["seven"] = "7",
        ["eight"] = "8", ["nine"] = "9", ["ten"] = "10", ["eleven"] = "11", ["twelve"] = "12", ["twenty"] = "20",
        ["hundred"] = "100", ["thousand"] = "1000", ["once"] = "1", ["twice"] = "2", ["single"] = "1", ["zero"] = "0",
    };

    private static readonly string[] Quotes = ["\"", "'", "`", "\u201c", "\u201d", "\u2018", "\u2019"];

    public static IReadOnlyList<ValueCandidate> Build(string question, IReadOnlyList<QuestionWord> words, DatabaseValueIndex cells, ValueCandidateOptions options)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(options);
        var candidates = new List<ValueCandidate>();
        var spanTexts = new HashSet<string>(StringComparer.Ordinal);
        void AddSpan(int start, int end, string text, bool isNumber)
        {
            if (spanTexts.Add(text))
            {
                candidates.Add(new ValueCandidate(ValueSource.QuestionSpan, text, isNumber, start, end, -1));
            }
        }

        for (var start = 0; start < words.Count; start++)
        {
            if (!words[start].IsWord)
            {
                continue;
            }

            for (var end = start; end < words.Count && end - start < options.MaxSpanWords; end++)
            {
                if (words[end].IsWord)
                {
                    AddSpan(start, end, SpanText(question, words, start, end), start == end && words[start].IsNumber);
                }
            }

            if (NumberWords.TryGetValue(words[start].Text, out var number))
            {
                AddSpan(start, start, number, true);
            }
        }

        foreach (var (start, end) in QuotedSpans(words, options.MaxQuotedWords))
        {
            AddSpan(start, end, SpanText(question, words, start, end), false);
        }

        AddCells(question, words, cells, options, candidates);
        foreach (var constant in options.Constants)
        {
            candidates.Add(new ValueCandidate(ValueSource.Constant, constant, QuestionWords.IsNumber(constant), -1, -1, -1));
        }

        return candidates;
    }

    /// <summary>The question's own text for words <paramref name="start"/>..<paramref name="end"/>, spacing kept.</summary>
    public static string SpanText(string question, IReadOnlyList<QuestionWord> words, int start, int end)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(words);
        return question[words[start].Start..words[end].End];
    }

    private static IEnumerable<(int Start, int End)> QuotedSpans(IReadOnlyList<QuestionWord> words, int maxWords)
    {
        for (var open = 0; open < words.Count; open++)
        {
            if (!Quotes.Contains(words[open].Text))
            {
                continue;
            }

            for (var close = open + 2; close < words.Count && close - open - 1 <= maxWords; close++)
            {
                if (Quotes.Contains(words[close].Text))
                {
                    yield return (open + 1, close - 1);
                    open = close;
                    break;
                }
            }
        }
    }

    // Longer spans first, so that under the cap "New York City" wins over "New" and "York".
    private static void AddCells(string question, IReadOnlyList<QuestionWord> words, DatabaseValueIndex cells, ValueCandidateOptions options, List<ValueCandidate> candidates)
    {
        var seen = new HashSet<(int, string)>();
        var added = 0;
        for (var length = options.MaxSpanWords; length >= 1; length--)
        {
            for (var start = 0; start + length <= words.Count; start++)
            {
                var end = start + length - 1;
                if (!words[start].IsWord || !words[end].IsWord || (length == 1 && StopWords.Contains(words[start].Text)))
                {
                    continue;
                }

                var text = SpanText(question, words, start, end);
                var matches = cells.Exact(text);
                if (matches.Count == 0 && text.Length >= 3 && !words[start].IsNumber)
                {
                    matches = cells.SameStem(text);
                }

                foreach (var cell in matches.Take(options.MaxCellsPerSpan))
                {
                    if (added >= options.MaxCellCandidates)
                    {
                        return;
                    }

                    if (seen.Add((cell.ColumnIndex, cell.Text)))
                    {
                        candidates.Add(new ValueCandidate(ValueSource.DatabaseCell, cell.Text, QuestionWords.IsNumber(cell.Text), start, end, cell.ColumnIndex));
                        added++;
                    }
                }
            }
        }
    }

    internal static bool IsNumberText(string text) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
}

/// <summary>Words too common to name a value or a schema item on their own.</summary>
internal static class StopWords
{
    private static readonly HashSet<string> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "of", "in", "on", "at", "to", "for", "by", "with", "and", "or", "not", "is", "are", "was", "were",
        "be", "been", "do", "does", "did", "what", "which", "who", "whom", "whose", "how", "many", "much", "all", "each",
        "every", "that", "this", "these", "those", "their", "its", "it", "they", "them", "from", "as", "than", "there", "have",
        "has", "had", "show", "list", "give", "find", "return", "me", "name", "names", "number", "count", "s", "any", "some",
        "more", "most", "less", "least", "also", "both", "either", "where", "when", "id", "ids", "one", "only", "please", "tell",
    };

    public static bool Contains(string word) => Words.Contains(word);
}
