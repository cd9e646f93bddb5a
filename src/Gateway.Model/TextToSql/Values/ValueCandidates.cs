namespace Gateway.Model.TextToSql;

/// <summary>
/// The values the decoder may point at: question spans (numbers, words written as numbers, quoted phrases), database
/// cells a span names (same text ignoring case, or the same stem), and constants: the values of code columns
/// (<see cref="DatabaseValueIndex.Codes"/>, with their column) and a few fixed ones. Spans come first, then cells,
/// then constants; texts are not repeated among spans.
/// </summary>
public static class ValueCandidates
{
    private static readonly Dictionary<string, string> NumberWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["one"] = "1", ["two"] = "2", ["three"] = "3", ["four"] = "4", ["five"] = "5", ["six"] = "6", ["seven"] = "7",
        ["eight"] = "8", ["nine"] = "9", ["ten"] = "10", ["eleven"] = "11", ["twelve"] = "12", ["twenty"] = "20",
        ["hundred"] = "100", ["thousand"] = "1000", ["once"] = "1", ["twice"] = "2", ["single"] = "1", ["zero"] = "0",
        ["first"] = "1", ["second"] = "2", ["third"] = "3", ["fourth"] = "4", ["fifth"] = "5", ["sixth"] = "6",
        ["seventh"] = "7", ["eighth"] = "8", ["ninth"] = "9", ["tenth"] = "10",
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

                    // "Ph.D." and "Comp. Sci.": an abbreviation's final period is split off as a mark; offer it kept too.
                    if (end + 1 < words.Count && words[end + 1].Text == "." && words[end + 1].Start == words[end].End && end + 2 < words.Count)
                    {
                        AddSpan(start, end + 1, SpanText(question, words, start, end + 1), false);
                    }
                }
            }

            if (NumberWords.TryGetValue(words[start].Text, out var number))
            {
                AddSpan(start, start, number, true);
            }
        }

        foreach (var (start, end, number) in GroupedNumbers(question, words))
        {
            AddSpan(start, end, number, true);
        }

        foreach (var (start, end) in QuotedSpans(words, options.MaxQuotedWords))
        {
            AddSpan(start, end, SpanText(question, words, start, end), false);
        }

        AddCells(question, words, cells, options, candidates);
        foreach (var code in cells.Codes.Take(options.MaxCodeCandidates))
        {
            candidates.Add(new ValueCandidate(ValueSource.Constant, code.Text, QuestionWords.IsNumber(code.Text), -1, -1, code.ColumnIndex));
        }

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

    // "15,000" is split into 15 , 000; the number it writes is 15000.
    private static IEnumerable<(int Start, int End, string Number)> GroupedNumbers(string question, IReadOnlyList<QuestionWord> words)
    {
        for (var start = 0; start < words.Count; start++)
        {
            if (!words[start].Text.All(char.IsAsciiDigit) || words[start].Length > 3)
            {
                continue;
            }

            var end = start;
            while (end + 2 < words.Count && words[end + 1].Text == "," && words[end + 1].Start == words[end].End
                   && words[end + 2].Start == words[end + 1].End && words[end + 2].Length == 3 && words[end + 2].Text.All(char.IsAsciiDigit))
            {
                end += 2;
            }

            if (end > start)
            {
                yield return (start, end, SpanText(question, words, start, end).Replace(",", "", StringComparison.Ordinal));
                start = end;
            }
        }
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
