namespace Gateway.Model.TextToSql.Synthesis;

/// <summary>Questions over one table: counts, listings, filters by a real value, ordering, aggregates, grouping, nesting.</summary>
public static class SingleTableTemplates
{
    private static readonly (string Function, string[] Words)[] Aggregates =
    [
        ("avg", ["average", "mean"]),
        ("sum", ["total", "combined"]),
        ("max", ["maximum", "highest", "largest"]),
        ("min", ["minimum", "lowest", "smallest"]),
    ];

    private static readonly (string Op, string[] Words)[] Comparisons =
    [
        (">", ["more than", "greater than", "above", "over"]),
        ("<", ["less than", "below", "under", "smaller than"]),
        (">=", ["at least", "no less than"]),
        ("<=", ["at most", "no more than"]),
    ];

    public static IReadOnlyList<SynthesisTemplate> All { get; } =
    [
        new("count", Count),
        new("list", List),
        new("list-two", ListTwo),
        new("distinct", Distinct),
        new("filter-text", FilterText),
        new("count-filter", CountFilter),
        new("filter-like", FilterLike),
        new("filter-number", FilterNumber),
        new("between", Between),
        new("top-n", TopN),
        new("superlative", Superlative),
        new("order-by", OrderBy),
        new("aggregate", Aggregate),
        new("group-aggregate", GroupAggregate),
        new("group-count", GroupCount),
        new("having-count", HavingCount),
        new("group-most", GroupMost),
        new("above-average", AboveAverage),
        new("except", Except),
        new("intersect", Intersect),
    ];

    private static SynthesizedQuery? Count(TemplateContext x)
    {
        if (x.Pick(x.Database.Tables.Where(t => t.Rows > 0).ToList()) is not { } t)
        {
            return null;
        }

        var q = x.Say($"how many {t.Plural} are there?", $"count the number of {t.Plural}.", $"what is the total number of {t.Plural}?", $"how many {t.Plural} do we have?");
        return new("count", q, $"SELECT count(*) FROM {x.Table(t)}");
    }

    private static SynthesizedQuery? List(TemplateContext x)
    {
        if (x.Pick(x.Database.Tables.Where(t => t.Rows > 0 && x.Shown(t) is not null).ToList()) is not { } t || x.Shown(t) is not { } c)
        {
            return null;
        }

        var q = x.Say($"list the {c.Words} of all {t.Plural}.", $"what are the {TemplateContext.Plural(c.Words)} of all {t.Plural}?",
            $"show the {c.Words} of every {t.Singular}.", $"give me the {c.Words} of each {t.Singular}.");
        return new("list", q, $"SELECT {x.Col(c.Index)} FROM {x.Table(t)}");
    }

    private static SynthesizedQuery? ListTwo(TemplateContext x)
    {
        if (x.TableWith(ColumnRole.Label) is not { } t || t.Label is not { } a
            || x.Pick(t.Columns.Where(c => c != a && c.Role is ColumnRole.Category or ColumnRole.Measure or ColumnRole.Date).ToList()) is not { } b)
        {
            return null;
        }

        var q = x.Say($"show the {a.Words} and {b.Words} of all {t.Plural}.", $"what are the {a.Words} and the {b.Words} of each {t.Singular}?",
            $"list every {t.Singular}'s {a.Words} and {b.Words}.");
        return new("list-two", q, $"SELECT {x.Col(a.Index)}, {x.Col(b.Index)} FROM {x.Table(t)}");
    }

    private static SynthesizedQuery? Distinct(TemplateContext x)
    {
        if (x.TableWith(ColumnRole.Category) is not { } t || x.Column(t, ColumnRole.Category) is not { } c)
        {
            return null;
        }

        var cs = TemplateContext.Plural(c.Words);
        var q = x.Say($"what are the distinct {cs} of {t.Plural}?", $"list the different {cs} of the {t.Plural}.", $"show all distinct {c.Words} values of {t.Plural}.",
            $"which {cs} do the {t.Plural} have?");
        return new("distinct", q, $"SELECT DISTINCT {x.Col(c.Index)} FROM {x.Table(t)}");
    }

    private static SynthesizedQuery? FilterText(TemplateContext x)
    {
        if (x.TableWith(ColumnRole.Category) is not { } t || x.Column(t, ColumnRole.Category) is not { } f || x.Shown(t, f) is not { } c
            || x.Pick(f.TextValues) is not { } v)
        {
            return null;
        }

        var q = x.Say($"show the {c.Words} of {t.Plural} whose {f.Words} is {v}.", $"what are the {TemplateContext.Plural(c.Words)} of the {t.Plural} with {f.Words} {v}?",
            $"list the {c.Words} of all {t.Plural} where the {f.Words} is {v}.", $"which {t.Plural} have {f.Words} {v}? Give their {TemplateContext.Plural(c.Words)}.");
        return new("filter-text", q, $"SELECT {x.Col(c.Index)} FROM {x.Table(t)} WHERE {x.Col(f.Index)} = {TemplateContext.Quote(v)}");
    }

    private static SynthesizedQuery? CountFilter(TemplateContext x)
    {
        if (x.TableWith(ColumnRole.Category) is not { } t || x.Column(t, ColumnRole.Category) is not { } f || x.Pick(f.TextValues) is not { } v)
        {
            return null;
        }

        var q = x.Say($"how many {t.Plural} have {f.Words} {v}?", $"count the {t.Plural} whose {f.Words} is {v}.",
            $"what is the number of {t.Plural} with {f.Words} {v}?", $"how many {t.Plural} are there with {f.Words} {v}?");
        return new("count-filter", q, $"SELECT count(*) FROM {x.Table(t)} WHERE {x.Col(f.Index)} = {TemplateContext.Quote(v)}");
    }

    private static SynthesizedQuery? FilterLike(TemplateContext x)
    {
        if (x.TableWith(ColumnRole.Label) is not { } t || t.Label is not { } c || x.Pick(c.TextValues) is not { } value)
        {
            return null;
        }

        var words = value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length >= 3 && w.All(char.IsLetter)).ToList();
        if (x.Pick(words) is not { } fragment)
        {
            return null;
        }

        var q = x.Say($"which {t.Plural} have {TemplateContext.A(c.Words)} containing {fragment}?", $"list the {TemplateContext.Plural(c.Words)} of {t.Plural} that contain the word {fragment}.",
            $"find the {t.Plural} whose {c.Words} includes {fragment}.");
        return new("filter-like", q, $"SELECT {x.Col(c.Index)} FROM {x.Table(t)} WHERE {x.Col(c.Index)} LIKE '%{fragment}%'");
    }

    private static SynthesizedQuery? FilterNumber(TemplateContext x)
    {
        if (x.TableWith(ColumnRole.Measure) is not { } t || x.Column(t, ColumnRole.Measure) is not { } m || x.Shown(t) is not { } c || x.Threshold(m) is not { } value)
        {
            return null;
        }

        var (op, words) = Comparisons[x.Random.Next(Comparisons.Length)];
        var w = words[x.Random.Next(words.Length)];
        var n = TemplateContext.Number(value);
        var q = x.Say($"list the {c.Words} of {t.Plural} with {m.Words} {w} {n}.", $"which {t.Plural} have {TemplateContext.A(m.Words)} {w} {n}? Show their {TemplateContext.Plural(c.Words)}.",
            $"what are the {TemplateContext.Plural(c.Words)} of the {t.Plural} whose {m.Words} is {w} {n}?");
        return new("filter-number", q, $"SELECT {x.Col(c.Index)} FROM {x.Table(t)} WHERE {x.Col(m.Index)} {op} {n}");
    }

    private static SynthesizedQuery? Between(TemplateContext x)
    {
        if (x.TableWith(ColumnRole.Measure) is not { } t || x.Column(t, ColumnRole.Measure) is not { } m || x.Shown(t) is not { } c
            || x.Threshold(m) is not { } a || x.Threshold(m) is not { } b || a == b)
        {
            return null;
        }

        var (low, high) = (TemplateContext.Number(Math.Min(a, b)), TemplateContext.Number(Math.Max(a, b)));
        var q = x.Say($"show the {c.Words} of {t.Plural} whose {m.Words} is between {low} and {high}.",
            $"which {t.Plural} have {TemplateContext.A(m.Words)} from {low} to {high}? List their {TemplateContext.Plural(c.Words)}.");
        return new("between", q, $"SELECT {x.Col(c.Index)} FROM {x.Table(t)} WHERE {x.Col(m.Index)} BETWEEN {low} AND {high}");
    }

    private static SynthesizedQuery? TopN(TemplateContext x)
    {
        if (x.TableWith(ColumnRole.Measure) is not { } t || x.Column(t, ColumnRole.Measure) is not { } m || x.Shown(t) is not { } c || t.Rows < 4)
        {
            return null;
        }

        var n = x.Random.Next(2, (int)Math.Min(6, t.Rows));
        var descending = x.Random.Next(2) == 0;
        var most = descending ? x.Say("highest", "largest", "greatest") : x.Say("lowest", "smallest");
        var q = x.Say($"what are the {TemplateContext.Plural(c.Words)} of the {n} {t.Plural} with the {most.ToLowerInvariant()} {m.Words}?",
            $"list the {c.Words} of the top {n} {t.Plural} by {m.Words}" + (descending ? "." : ", lowest first."),
            $"show the {n} {t.Plural} with the {most.ToLowerInvariant()} {m.Words}: their {TemplateContext.Plural(c.Words)}.");
        return new("top-n", q, $"SELECT {x.Col(c.Index)} FROM {x.Table(t)} ORDER BY {x.Col(m.Index)} {(descending ? "DESC" : "ASC")} LIMIT {n}");
    }

    private static SynthesizedQuery? Superlative(TemplateContext x)
    {
        if (x.TableWith(ColumnRole.Measure) is not { } t || x.Column(t, ColumnRole.Measure) is not { } m || x.Shown(t) is not { } c)
        {
            return null;
        }

        var descending = x.Random.Next(2) == 0;
        var most = (descending ? x.Say("highest", "largest", "greatest") : x.Say("lowest", "smallest")).ToLowerInvariant();
        var q = x.Say($"which {t.Singular} has the {most} {m.Words}? Give its {c.Words}.", $"what is the {c.Words} of the {t.Singular} with the {most} {m.Words}?",
            $"find the {c.Words} of the {t.Singular} whose {m.Words} is the {most}.");
        return new("superlative", q, $"SELECT {x.Col(c.Index)} FROM {x.Table(t)} ORDER BY {x.Col(m.Index)} {(descending ? "DESC" : "ASC")} LIMIT 1");
    }

    private static SynthesizedQuery? OrderBy(TemplateContext x)
    {
        if (x.TableWith(ColumnRole.Measure) is not { } t || x.Column(t, ColumnRole.Measure) is not { } m || x.Shown(t) is not { } c)
        {
            return null;
        }

        var descending = x.Random.Next(2) == 0;
        var q = descending
            ? x.Say($"list the {TemplateContext.Plural(c.Words)} of all {t.Plural} in descending order of {m.Words}.", $"sort the {t.Plural} by {m.Words} from highest to lowest and show their {TemplateContext.Plural(c.Words)}.")
            : x.Say($"list the {TemplateContext.Plural(c.Words)} of all {t.Plural} ordered by {m.Words}.", $"show the {c.Words} of every {t.Singular}, sorted by {m.Words} in ascending order.");
        return new("order-by", q, $"SELECT {x.Col(c.Index)} FROM {x.Table(t)} ORDER BY {x.Col(m.Index)}{(descending ? " DESC" : "")}");
    }

    private static SynthesizedQuery? Aggregate(TemplateContext x)
    {
        if (x.TableWith(ColumnRole.Measure) is not { } t || x.Column(t, ColumnRole.Measure) is not { } m)
        {
            return null;
        }

        var (function, words) = Aggregates[x.Random.Next(Aggregates.Length)];
        var w = words[x.Random.Next(words.Length)];
        var q = x.Say($"what is the {w} {m.Words} of all {t.Plural}?", $"find the {w} {m.Words} across all {t.Plural}.", $"what is the {w} {m.Words} of the {t.Plural}?");
        return new("aggregate", q, $"SELECT {function}({x.Col(m.Index)}) FROM {x.Table(t)}");
    }

    private static SynthesizedQuery? GroupAggregate(TemplateContext x)
    {
        if (x.TableWith(ColumnRole.Category, ColumnRole.Measure) is not { } t || x.Column(t, ColumnRole.Category) is not { } g || x.Column(t, ColumnRole.Measure) is not { } m)
        {
            return null;
        }

        var (function, words) = Aggregates[x.Random.Next(Aggregates.Length)];
        var w = words[x.Random.Next(words.Length)];
        var q = x.Say($"what is the {w} {m.Words} for each {g.Words}?", $"show each {g.Words} and the {w} {m.Words} of its {t.Plural}.",
            $"for every {g.Words}, give the {w} {m.Words} of the {t.Plural}.");
        return new("group-aggregate", q, $"SELECT {x.Col(g.Index)}, {function}({x.Col(m.Index)}) FROM {x.Table(t)} GROUP BY {x.Col(g.Index)}");
    }

    private static SynthesizedQuery? GroupCount(TemplateContext x)
    {
        if (x.TableWith(ColumnRole.Category) is not { } t || x.Column(t, ColumnRole.Category) is not { } g)
        {
            return null;
        }

        var q = x.Say($"how many {t.Plural} are there for each {g.Words}?", $"count the {t.Plural} in each {g.Words}.", $"show the number of {t.Plural} per {g.Words}.");
        return new("group-count", q, $"SELECT {x.Col(g.Index)}, count(*) FROM {x.Table(t)} GROUP BY {x.Col(g.Index)}");
    }

    private static SynthesizedQuery? HavingCount(TemplateContext x)
    {
        if (x.TableWith(ColumnRole.Category) is not { } t || x.Column(t, ColumnRole.Category) is not { } g || g.Distinct == 0)
        {
            return null;
        }

        var k = x.Random.Next(1, (int)Math.Max(2, t.Rows / g.Distinct + 1));
        var gs = TemplateContext.Plural(g.Words);
        var q = x.Say($"which {gs} have more than {k} {t.Plural}?", $"list the {gs} shared by more than {k} {t.Plural}.", $"find the {gs} with over {k} {t.Plural}.");
        return new("having-count", q, $"SELECT {x.Col(g.Index)} FROM {x.Table(t)} GROUP BY {x.Col(g.Index)} HAVING count(*) > {k}");
    }

    private static SynthesizedQuery? GroupMost(TemplateContext x)
    {
        if (x.TableWith(ColumnRole.Category) is not { } t || x.Column(t, ColumnRole.Category) is not { } g)
        {
            return null;
        }

        var q = x.Say($"which {g.Words} has the most {t.Plural}?", $"what is the most common {g.Words} among the {t.Plural}?", $"find the {g.Words} with the largest number of {t.Plural}.");
        return new("group-most", q, $"SELECT {x.Col(g.Index)} FROM {x.Table(t)} GROUP BY {x.Col(g.Index)} ORDER BY count(*) DESC LIMIT 1");
    }

    private static SynthesizedQuery? AboveAverage(TemplateContext x)
    {
        if (x.TableWith(ColumnRole.Measure) is not { } t || x.Column(t, ColumnRole.Measure) is not { } m || x.Shown(t) is not { } c)
        {
            return null;
        }

        var above = x.Random.Next(3) > 0;
        var (op, w) = above ? (">", x.Say("above", "higher than", "greater than").ToLowerInvariant()) : ("<", x.Say("below", "lower than", "less than").ToLowerInvariant());
        var q = x.Say($"list the {TemplateContext.Plural(c.Words)} of {t.Plural} whose {m.Words} is {w} the average.",
            $"which {t.Plural} have {TemplateContext.A(m.Words)} {w} the average {m.Words}? Give their {TemplateContext.Plural(c.Words)}.",
            $"show the {c.Words} of every {t.Singular} with {m.Words} {w} average.");
        var table = x.Table(t);
        var measure = x.Col(m.Index);
        return new("above-average", q, $"SELECT {x.Col(c.Index)} FROM {table} WHERE {measure} {op} (SELECT avg({measure}) FROM {table})");
    }

    private static SynthesizedQuery? Except(TemplateContext x)
    {
        if (x.TableWith(ColumnRole.Category, ColumnRole.Measure) is not { } t || x.Column(t, ColumnRole.Category) is not { } g
            || x.Column(t, ColumnRole.Measure) is not { } m || x.Threshold(m) is not { } value)
        {
            return null;
        }

        var n = TemplateContext.Number(value);
        var gs = TemplateContext.Plural(g.Words);
        var q = x.Say($"which {gs} have no {t.Plural} with {m.Words} above {n}?", $"list the {gs} of {t.Plural}, except those that have {TemplateContext.A(t.Singular)} whose {m.Words} is greater than {n}.");
        var table = x.Table(t);
        return new("except", q, $"SELECT {x.Col(g.Index)} FROM {table} EXCEPT SELECT {x.Col(g.Index)} FROM {table} WHERE {x.Col(m.Index)} > {n}");
    }

    private static SynthesizedQuery? Intersect(TemplateContext x)
    {
        if (x.TableWith(ColumnRole.Category, ColumnRole.Measure) is not { } t || x.Column(t, ColumnRole.Category) is not { } g
            || x.Column(t, ColumnRole.Measure) is not { } m || x.Threshold(m) is not { } a || x.Threshold(m) is not { } b || a == b)
        {
            return null;
        }

        var (low, high) = (TemplateContext.Number(Math.Min(a, b)), TemplateContext.Number(Math.Max(a, b)));
        var gs = TemplateContext.Plural(g.Words);
        var q = x.Say($"which {gs} have both {t.Plural} with {m.Words} below {low} and {t.Plural} with {m.Words} above {high}?",
            $"find the {gs} that have {TemplateContext.A(t.Singular)} with {m.Words} under {low} as well as one with {m.Words} over {high}.");
        var table = x.Table(t);
        return new("intersect", q,
            $"SELECT {x.Col(g.Index)} FROM {table} WHERE {x.Col(m.Index)} < {low} INTERSECT SELECT {x.Col(g.Index)} FROM {table} WHERE {x.Col(m.Index)} > {high}");
    }
}
