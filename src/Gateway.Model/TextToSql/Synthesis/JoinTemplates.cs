namespace Gateway.Model.TextToSql.Synthesis;

/// <summary>Questions that follow foreign keys: filter by a parent's value, totals and counts per parent, 2-hop chains, NOT IN.</summary>
public static class JoinTemplates
{
    private static readonly (string Function, string[] Words)[] Aggregates =
    [
        ("sum", ["total"]),
        ("avg", ["average"]),
        ("max", ["highest", "maximum"]),
    ];

    public static IReadOnlyList<SynthesisTemplate> All { get; } =
    [
        new("join-filter", JoinFilter),
        new("join-count-filter", JoinCountFilter),
        new("join-list", JoinList),
        new("per-parent-total", PerParentTotal),
        new("per-parent-count", PerParentCount),
        new("parent-most", ParentMost),
        new("parent-having", ParentHaving),
        new("not-in", NotIn),
        new("two-hop-filter", TwoHopFilter),
        new("two-hop-total", TwoHopTotal),
    ];

    private static string On(TemplateContext x, JoinEdge edge, string child, string parent) =>
        $"{child}.{x.Col(edge.ChildColumn)} = {parent}.{x.Col(edge.ParentColumn)}";

    private static string Join(TemplateContext x, JoinEdge edge) =>
        $"{x.Table(edge.Child)} AS T1 JOIN {x.Table(edge.Parent)} AS T2 ON {On(x, edge, "T1", "T2")}";

    private static JoinEdge? Edge(TemplateContext x, Func<JoinEdge, bool> fits) =>
        x.Pick(x.Database.Joins.Where(e => e.Child.Rows > 0 && e.Parent.Rows > 0 && fits(e)).ToList());

    private static SynthesizedQuery? JoinFilter(TemplateContext x)
    {
        if (Edge(x, e => x.Shown(e.Child) is not null && e.Parent.Columns.Any(c => c.Role is ColumnRole.Category or ColumnRole.Label)) is not { } e
            || x.Shown(e.Child) is not { } c
            || x.Pick(e.Parent.Columns.Where(p => p.Role is ColumnRole.Category or ColumnRole.Label && p.TextValues.Count > 0).ToList()) is not { } f
            || x.Pick(f.TextValues) is not { } v)
        {
            return null;
        }

        var cs = TemplateContext.Plural(c.Words);
        var q = f == e.Parent.Label
            ? x.Say($"show the {cs} of {e.Child.Plural} whose {e.Parent.Singular} is {v}.", $"what are the {cs} of the {e.Child.Plural} of {e.Parent.Singular} {v}?",
                $"list the {c.Words} of every {e.Child.Singular} for the {e.Parent.Singular} {v}.")
            : x.Say($"show the {cs} of {e.Child.Plural} whose {e.Parent.Singular}'s {f.Words} is {v}.",
                $"list the {c.Words} of the {e.Child.Plural} of {e.Parent.Plural} with {f.Words} {v}.",
                $"what are the {cs} of {e.Child.Plural} belonging to {TemplateContext.A(e.Parent.Singular)} whose {f.Words} is {v}?");
        return new("join-filter", q, $"SELECT T1.{x.Col(c.Index)} FROM {Join(x, e)} WHERE T2.{x.Col(f.Index)} = {TemplateContext.Quote(v)}");
    }

    private static SynthesizedQuery? JoinCountFilter(TemplateContext x)
    {
        if (Edge(x, e => e.Parent.Label is { TextValues.Count: > 0 }) is not { } e || e.Parent.Label is not { } l || x.Pick(l.TextValues) is not { } v)
        {
            return null;
        }

        var q = x.Say($"how many {e.Child.Plural} does the {e.Parent.Singular} {v} have?", $"count the {e.Child.Plural} of {e.Parent.Singular} {v}.",
            $"how many {e.Child.Plural} are there for the {e.Parent.Singular} whose {l.Words} is {v}?");
        return new("join-count-filter", q, $"SELECT count(*) FROM {Join(x, e)} WHERE T2.{x.Col(l.Index)} = {TemplateContext.Quote(v)}");
    }

    private static SynthesizedQuery? JoinList(TemplateContext x)
    {
        if (Edge(x, e => x.Shown(e.Child) is not null && e.Parent.Label is not null) is not { } e || x.Shown(e.Child) is not { } c || e.Parent.Label is not { } l)
        {
            return null;
        }

        var q = x.Say($"list the {c.Words} of each {e.Child.Singular} together with the {l.Words} of its {e.Parent.Singular}.",
            $"show every {e.Child.Singular}'s {c.Words} and its {e.Parent.Singular}'s {l.Words}.",
            $"for each {e.Child.Singular}, give its {c.Words} and the {l.Words} of the {e.Parent.Singular}.");
        return new("join-list", q, $"SELECT T1.{x.Col(c.Index)}, T2.{x.Col(l.Index)} FROM {Join(x, e)}");
    }

    private static SynthesizedQuery? PerParentTotal(TemplateContext x)
    {
        if (Edge(x, e => e.Parent.Label is not null && e.Child.WithRole(ColumnRole.Measure).Any()) is not { } e || e.Parent.Label is not { } l
            || x.Column(e.Child, ColumnRole.Measure) is not { } m)
        {
            return null;
        }

        var (function, words) = Aggregates[x.Random.Next(Aggregates.Length)];
        var w = words[x.Random.Next(words.Length)];
        var q = x.Say($"what is the {w} {m.Words} for each {e.Parent.Singular}?", $"for each {e.Parent.Singular}, give its {l.Words} and the {w} {m.Words} of its {e.Child.Plural}.",
            $"show the {l.Words} of every {e.Parent.Singular} with the {w} {m.Words} of their {e.Child.Plural}.");
        return new("per-parent-total", q, $"SELECT T2.{x.Col(l.Index)}, {function}(T1.{x.Col(m.Index)}) FROM {Join(x, e)} GROUP BY T2.{x.Col(l.Index)}");
    }

    private static SynthesizedQuery? PerParentCount(TemplateContext x)
    {
        if (Edge(x, e => e.Parent.Label is not null) is not { } e || e.Parent.Label is not { } l)
        {
            return null;
        }

        var q = x.Say($"how many {e.Child.Plural} does each {e.Parent.Singular} have?", $"show the {l.Words} of each {e.Parent.Singular} and the number of its {e.Child.Plural}.",
            $"for every {e.Parent.Singular}, count its {e.Child.Plural}.");
        return new("per-parent-count", q, $"SELECT T2.{x.Col(l.Index)}, count(*) FROM {Join(x, e)} GROUP BY T2.{x.Col(l.Index)}");
    }

    private static SynthesizedQuery? ParentMost(TemplateContext x)
    {
        if (Edge(x, e => e.Parent.Label is not null) is not { } e || e.Parent.Label is not { } l)
        {
            return null;
        }

        var q = x.Say($"which {e.Parent.Singular} has the most {e.Child.Plural}?", $"what is the {l.Words} of the {e.Parent.Singular} with the largest number of {e.Child.Plural}?",
            $"find the {e.Parent.Singular} that has the most {e.Child.Plural}; give its {l.Words}.");
        return new("parent-most", q, $"SELECT T2.{x.Col(l.Index)} FROM {Join(x, e)} GROUP BY T2.{x.Col(l.Index)} ORDER BY count(*) DESC LIMIT 1");
    }

    private static SynthesizedQuery? ParentHaving(TemplateContext x)
    {
        if (Edge(x, e => e.Parent.Label is not null) is not { } e || e.Parent.Label is not { } l)
        {
            return null;
        }

        var k = x.Random.Next(1, (int)Math.Max(2, e.Child.Rows / Math.Max(1, e.Parent.Rows) + 1));
        var q = x.Say($"which {e.Parent.Plural} have more than {k} {e.Child.Plural}?", $"list the {TemplateContext.Plural(l.Words)} of {e.Parent.Plural} with more than {k} {e.Child.Plural}.",
            $"show the {e.Parent.Plural} that have over {k} {e.Child.Plural}.");
        return new("parent-having", q, $"SELECT T2.{x.Col(l.Index)} FROM {Join(x, e)} GROUP BY T2.{x.Col(l.Index)} HAVING count(*) > {k}");
    }

    private static SynthesizedQuery? NotIn(TemplateContext x)
    {
        if (Edge(x, e => e.Parent.Label is not null && e.Child != e.Parent) is not { } e || e.Parent.Label is not { } l)
        {
            return null;
        }

        var q = x.Say($"which {e.Parent.Plural} have no {e.Child.Plural}? Give their {TemplateContext.Plural(l.Words)}.",
            $"list the {TemplateContext.Plural(l.Words)} of {e.Parent.Plural} without any {e.Child.Singular}.",
            $"show the {l.Words} of every {e.Parent.Singular} that has no {e.Child.Plural}.");
        return new("not-in", q,
            $"SELECT {x.Col(l.Index)} FROM {x.Table(e.Parent)} WHERE {x.Col(e.ParentColumn)} NOT IN (SELECT {x.Col(e.ChildColumn)} FROM {x.Table(e.Child)})");
    }

    /// <summary>A chain child -> middle -> top over three distinct tables.</summary>
    private static (JoinEdge Lower, JoinEdge Upper)? Chain(TemplateContext x, Func<JoinEdge, JoinEdge, bool> fits)
    {
        var chains = (from lower in x.Database.Joins
                      from upper in x.Database.Joins
                      where lower.Parent == upper.Child && lower.Child != upper.Parent && lower.Child != lower.Parent && upper.Child != upper.Parent
                            && lower.Child.Rows > 0 && upper.Parent.Rows > 0 && fits(lower, upper)
                      select (lower, upper)).ToList();
        return chains.Count == 0 ? null : chains[x.Random.Next(chains.Count)];
    }

    private static string Join3(TemplateContext x, JoinEdge lower, JoinEdge upper) =>
        $"{x.Table(lower.Child)} AS T1 JOIN {x.Table(lower.Parent)} AS T2 ON {On(x, lower, "T1", "T2")} JOIN {x.Table(upper.Parent)} AS T3 ON {On(x, upper, "T2", "T3")}";

    private static SynthesizedQuery? TwoHopFilter(TemplateContext x)
    {
        if (Chain(x, (a, b) => x.Shown(a.Child) is not null && b.Parent.Label is { TextValues.Count: > 0 }) is not ({ } lower, { } upper)
            || x.Shown(lower.Child) is not { } c || upper.Parent.Label is not { } l || x.Pick(l.TextValues) is not { } v)
        {
            return null;
        }

        var top = upper.Parent;
        var q = x.Say($"show the {TemplateContext.Plural(c.Words)} of {lower.Child.Plural} whose {lower.Parent.Singular} belongs to the {top.Singular} {v}.",
            $"list the {c.Words} of every {lower.Child.Singular} of {TemplateContext.A(lower.Parent.Singular)} in {top.Singular} {v}.",
            $"what are the {TemplateContext.Plural(c.Words)} of the {lower.Child.Plural} for {top.Singular} {v}?");
        return new("two-hop-filter", q, $"SELECT T1.{x.Col(c.Index)} FROM {Join3(x, lower, upper)} WHERE T3.{x.Col(l.Index)} = {TemplateContext.Quote(v)}");
    }

    private static SynthesizedQuery? TwoHopTotal(TemplateContext x)
    {
        if (Chain(x, (a, b) => a.Child.WithRole(ColumnRole.Measure).Any() && b.Parent.Label is not null) is not ({ } lower, { } upper)
            || x.Column(lower.Child, ColumnRole.Measure) is not { } m || upper.Parent.Label is not { } l)
        {
            return null;
        }

        var top = upper.Parent;
        var q = x.Say($"what is the total {m.Words} of {lower.Child.Plural} for each {top.Singular}?", $"for each {top.Singular}, show its {l.Words} and the total {m.Words} of its {lower.Child.Plural}.",
            $"sum the {m.Words} of the {lower.Child.Plural} per {top.Singular}.");
        return new("two-hop-total", q, $"SELECT T3.{x.Col(l.Index)}, sum(T1.{x.Col(m.Index)}) FROM {Join3(x, lower, upper)} GROUP BY T3.{x.Col(l.Index)}");
    }
}
