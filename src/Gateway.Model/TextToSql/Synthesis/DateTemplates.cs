namespace Gateway.Model.TextToSql.Synthesis;

/// <summary>
/// Questions over columns of ISO dates, written the way Spider's SQL filters dates: a year as <c>LIKE '2024%'</c>, a
/// day as a string comparison (ISO dates order as text).
/// </summary>
public static class DateTemplates
{
    public static IReadOnlyList<SynthesisTemplate> All { get; } =
    [
        new("date-year-count", YearCount),
        new("date-year-list", YearList),
        new("date-after", After),
        new("date-range", Range),
    ];

    /// <summary>
    /// "placed at" -> "placed", "paid on" -> "paid", so "orders were placed in 2024"; null when the column's words
    /// have no past participle.
    /// </summary>
    private static string? Verb(ColumnProfile date)
    {
        var words = date.Words.Split(' ');
        return words.Length == 2 && words[1] is "at" or "on" or "date" && words[0].Length > 2 && (words[1] != "date" || words[0].EndsWith("ed", StringComparison.Ordinal))
            ? words[0]
            : words.FirstOrDefault(w => w.Length > 4 && w.EndsWith("ed", StringComparison.Ordinal));
    }

    private static string? Year(TemplateContext x, ColumnProfile date) =>
        x.Pick(date.TextValues.Select(v => v[..4]).Distinct().ToList());

    private static string? Day(TemplateContext x, ColumnProfile date) =>
        x.Pick(date.TextValues.Select(v => v[..10]).Distinct().ToList());

    private static SynthesizedQuery? YearCount(TemplateContext x)
    {
        if (x.TableWith(ColumnRole.Date) is not { } t || x.Column(t, ColumnRole.Date) is not { } d || Year(x, d) is not { } y)
        {
            return null;
        }

        var q = Verb(d) is { } verb
            ? x.Say($"how many {t.Plural} were {verb} in {y}?", $"count the {t.Plural} {verb} in {y}.", $"how many {t.Plural} have {TemplateContext.A(d.Words)} in {y}?")
            : x.Say($"how many {t.Plural} have {TemplateContext.A(d.Words)} in {y}?", $"count the {t.Plural} whose {d.Words} is in {y}.", $"how many {t.Plural} are there with {d.Words} in the year {y}?");
        return new("date-year-count", q, $"SELECT count(*) FROM {x.Table(t)} WHERE {x.Col(d.Index)} LIKE '{y}%'");
    }

    private static SynthesizedQuery? YearList(TemplateContext x)
    {
        if (x.TableWith(ColumnRole.Date) is not { } t || x.Column(t, ColumnRole.Date) is not { } d || x.Shown(t) is not { } c || Year(x, d) is not { } y)
        {
            return null;
        }

        var cs = TemplateContext.Plural(c.Words);
        var q = Verb(d) is { } verb
            ? x.Say($"list the {cs} of the {t.Plural} {verb} in {y}.", $"which {t.Plural} were {verb} in {y}? Show their {cs}.")
            : x.Say($"list the {cs} of {t.Plural} whose {d.Words} is in {y}.", $"show the {c.Words} of every {t.Singular} with {TemplateContext.A(d.Words)} in {y}.");
        return new("date-year-list", q, $"SELECT {x.Col(c.Index)} FROM {x.Table(t)} WHERE {x.Col(d.Index)} LIKE '{y}%'");
    }

    private static SynthesizedQuery? After(TemplateContext x)
    {
        if (x.TableWith(ColumnRole.Date) is not { } t || x.Column(t, ColumnRole.Date) is not { } d || x.Shown(t) is not { } c || Day(x, d) is not { } day)
        {
            return null;
        }

        var after = x.Random.Next(2) == 0;
        var (op, word) = after ? (">", x.Say("after", "later than").ToLowerInvariant()) : ("<", x.Say("before", "earlier than").ToLowerInvariant());
        var q = Verb(d) is { } verb
            ? x.Say($"show the {TemplateContext.Plural(c.Words)} of {t.Plural} {verb} {word} {day}.", $"which {t.Plural} were {verb} {word} {day}? List their {TemplateContext.Plural(c.Words)}.")
            : x.Say($"show the {TemplateContext.Plural(c.Words)} of {t.Plural} with {TemplateContext.A(d.Words)} {word} {day}.",
                $"which {t.Plural} have {TemplateContext.A(d.Words)} {word} {day}? List their {TemplateContext.Plural(c.Words)}.");
        return new("date-after", q, $"SELECT {x.Col(c.Index)} FROM {x.Table(t)} WHERE {x.Col(d.Index)} {op} '{day}'");
    }

    private static SynthesizedQuery? Range(TemplateContext x)
    {
        if (x.TableWith(ColumnRole.Date) is not { } t || x.Column(t, ColumnRole.Date) is not { } d || Day(x, d) is not { } a || Day(x, d) is not { } b
            || string.Equals(a, b, StringComparison.Ordinal))
        {
            return null;
        }

        var (from, to) = string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a);
        var q = x.Say($"how many {t.Plural} have {TemplateContext.A(d.Words)} between {from} and {to}?", $"count the {t.Plural} whose {d.Words} is from {from} to {to}.");
        return new("date-range", q, $"SELECT count(*) FROM {x.Table(t)} WHERE {x.Col(d.Index)} BETWEEN '{from}' AND '{to}'");
    }
}
