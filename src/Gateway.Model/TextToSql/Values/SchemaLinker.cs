namespace Gateway.Model.TextToSql;

/// <summary>
/// Links question spans to schema items: a span that equals a table's or column's display name (ignoring case and
/// plural endings) is an exact link; a single content word that is one word of a display name is a partial link;
/// a database cell candidate links its span to the cell's column.
/// </summary>
public static class SchemaLinker
{
    public static IReadOnlyList<SchemaLink> Link(string question, IReadOnlyList<QuestionWord> words, PointerSchema schema, IReadOnlyList<ValueCandidate> values, int maxSpanWords = 5)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(values);
        var tableNames = schema.Tables.Select(t => Normal(t.DisplayName)).ToList();
        var columnNames = schema.Columns.Select(c => c.TableIndex < 0 ? "" : Normal(c.DisplayName)).ToList();
        var tableWords = tableNames.Select(n => n.Split(' ').ToHashSet(StringComparer.Ordinal)).ToList();
        var columnWords = columnNames.Select(n => n.Split(' ').ToHashSet(StringComparer.Ordinal)).ToList();

        var links = new List<SchemaLink>();
        var seen = new HashSet<(int, int, bool, int)>();
        void Add(int start, int end, bool isTable, int item, LinkKind kind)
        {
            if (seen.Add((start, end, isTable, item)))
            {
                links.Add(new SchemaLink(start, end, isTable, item, kind));
            }
        }

        for (var length = maxSpanWords; length >= 1; length--)
        {
            for (var start = 0; start + length <= words.Count; start++)
            {
                var end = start + length - 1;
                if (!words[start].IsWord || !words[end].IsWord)
                {
                    continue;
                }

                var span = Normal(ValueCandidates.SpanText(question, words, start, end));
                var single = length == 1 && span.Length >= 2 && !StopWords.Contains(span);
                for (var t = 0; t < tableNames.Count; t++)
                {
                    if (span == tableNames[t])
                    {
                        Add(start, end, true, t, LinkKind.ExactName);
                    }
                    else if (single && tableWords[t].Contains(span))
                    {
                        Add(start, end, true, t, LinkKind.PartialName);
                    }
                }

                for (var c = 1; c < columnNames.Count; c++)
                {
                    if (span == columnNames[c])
                    {
                        Add(start, end, false, c, LinkKind.ExactName);
                    }
                    else if (single && columnWords[c].Contains(span))
                    {
                        Add(start, end, false, c, LinkKind.PartialName);
                    }
                }
            }
        }

        foreach (var value in values)
        {
            if (value.Source == ValueSource.DatabaseCell && value.ColumnIndex > 0 && value.StartWord >= 0)
            {
                Add(value.StartWord, value.EndWord, false, value.ColumnIndex, LinkKind.CellValue);
            }
        }

        return links;
    }

    // Lower case, marks to spaces, plural endings dropped: "Singers'" and "singer" meet.
    private static string Normal(string text)
    {
        var chars = text.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : ' ').ToArray();
        return DatabaseValueIndex.Stem(new string(chars));
    }
}
