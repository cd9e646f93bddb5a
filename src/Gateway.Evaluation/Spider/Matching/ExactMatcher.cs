using Gateway.Evaluation.Spider.Sql;

namespace Gateway.Evaluation.Spider.Matching;

/// <summary>
/// Spider's <c>Evaluator.eval_exact_match</c> over value-free queries: every partial component must match
/// and the FROM table units must be equal as multisets.
/// </summary>
internal static class ExactMatcher
{
    public static bool Matches(SpiderSql predicted, SpiderSql gold) => Matches(predicted, gold, out _);

    public static bool Matches(SpiderSql predicted, SpiderSql gold, out IReadOnlyList<PartialMatch> partials)
    {
        partials = PartialMatches(predicted, gold);
        if (partials.Any(p => !p.Matches))
        {
            return false;
        }

        return gold.From.TableUnits.Count == 0 || SameMultiset(predicted.From.TableUnits, gold.From.TableUnits);
    }

    public static IReadOnlyList<PartialMatch> PartialMatches(SpiderSql predicted, SpiderSql gold)
    {
        var (selectFound, selectNoAggFound) = CountSelect(predicted.Select.Items, gold.Select.Items);
        var (whereFound, whereNoOpFound) = CountWhere(predicted.Where, gold.Where);
        int predictedWhere = ConditionList.Even(predicted.Where).Count(), goldWhere = ConditionList.Even(gold.Where).Count();
        var (predictedIuen, goldIuen, iuenFound) = CountNested(predicted, gold);
        var predictedKeywords = Keywords(predicted);
        var goldKeywords = Keywords(gold);
        var predictedAndOr = ConditionList.Odd(predicted.Where).ToHashSet();
        var goldAndOr = ConditionList.Odd(gold.Where).ToHashSet();
        var andOrMatch = predictedAndOr.SetEquals(goldAndOr);

        return
        [
            PartialMatch.Score("select", gold.Select.Items.Count, predicted.Select.Items.Count, selectFound),
            PartialMatch.Score("select(no AGG)", gold.Select.Items.Count, predicted.Select.Items.Count, selectNoAggFound),
            PartialMatch.Score("where", goldWhere, predictedWhere, whereFound),
            PartialMatch.Score("where(no OP)", goldWhere, predictedWhere, whereNoOpFound),
            PartialMatch.Score("group(no Having)", gold.GroupBy.Count, predicted.GroupBy.Count, CountGroup(predicted.GroupBy, gold.GroupBy)),
            ScoreHaving(predicted, gold),
            ScoreOrder(predicted, gold),
            // Spider's eval_and_or returns (pred, label) sizes where (label, pred) is expected; the swap is kept.
            andOrMatch
                ? PartialMatch.Score("and/or", 1, 1, 1)
                : PartialMatch.Score("and/or", predictedAndOr.Count, goldAndOr.Count, 0),
            PartialMatch.Score("IUEN", goldIuen, predictedIuen, iuenFound),
            PartialMatch.Score("keywords", goldKeywords.Count, predictedKeywords.Count, predictedKeywords.Count(goldKeywords.Contains)),
        ];
    }

    private static (int Found, int FoundNoAgg) CountSelect(IEnumerable<SelectItem> predicted, IEnumerable<SelectItem> gold)
    {
        var remaining = gold.ToList();
        var remainingNoAgg = remaining.Select(item => item.Value).ToList();
        int found = 0, foundNoAgg = 0;
        foreach (var item in predicted)
        {
            if (remaining.Remove(item))
            {
                found++;
            }

            if (remainingNoAgg.Remove(item.Value))
            {
                foundNoAgg++;
            }
        }

        return (found, foundNoAgg);
    }

    private static (int Found, int FoundNoOp) CountWhere(ValueList<ConditionElement> predicted, ValueList<ConditionElement> gold)
    {
        var remaining = ConditionList.Even(gold).ToList();
        var remainingNoOp = remaining.Select(ValueOf).ToList();
        int found = 0, foundNoOp = 0;
        foreach (var unit in ConditionList.Even(predicted))
        {
            if (remaining.Remove(unit))
            {
                found++;
            }

            if (remainingNoOp.Remove(ValueOf(unit)))
            {
                foundNoOp++;
            }
        }

        return (found, foundNoOp);
    }

    /// <summary>unit[2] of a cond_unit: its val_unit.</summary>
    private static object ValueOf(ConditionElement element) => element is CondUnit unit ? unit.Value : element;

    /// <summary>eval_group compares column names without their table: <c>__t.c__</c> counts as <c>c__</c>.</summary>
    private static int CountGroup(IEnumerable<ColUnit> predicted, IEnumerable<ColUnit> gold)
    {
        var remaining = gold.Select(c => WithoutTable(c.ColumnId)).ToList();
        return predicted.Count(c => remaining.Remove(WithoutTable(c.ColumnId)));
    }

    private static string WithoutTable(string id) => id.Contains('.', StringComparison.Ordinal) ? id.Split('.')[1] : id;

    private static PartialMatch ScoreHaving(SpiderSql predicted, SpiderSql gold)
    {
        var predictedTotal = predicted.GroupBy.Count > 0 ? 1 : 0;
        var goldTotal = gold.GroupBy.Count > 0 ? 1 : 0;
        var found = predictedTotal == 1 && goldTotal == 1
                    && predicted.GroupBy.Select(c => c.ColumnId).SequenceEqual(gold.GroupBy.Select(c => c.ColumnId))
                    && predicted.Having.Equals(gold.Having)
            ? 1
            : 0;
        return PartialMatch.Score("group", goldTotal, predictedTotal, found);
    }

    private static PartialMatch ScoreOrder(SpiderSql predicted, SpiderSql gold)
    {
        var predictedTotal = predicted.OrderBy is null ? 0 : 1;
        var goldTotal = gold.OrderBy is null ? 0 : 1;
        var found = gold.OrderBy is not null && gold.OrderBy.Equals(predicted.OrderBy)
                    && (predicted.Limit is null) == (gold.Limit is null)
            ? 1
            : 0;
        return PartialMatch.Score("order", goldTotal, predictedTotal, found);
    }

    private static (int Predicted, int Gold, int Found) CountNested(SpiderSql predicted, SpiderSql gold)
    {
        int predictedTotal = 0, goldTotal = 0, found = 0;
        foreach (var (p, g) in new[] { (predicted.Intersect, gold.Intersect), (predicted.Except, gold.Except), (predicted.Union, gold.Union) })
        {
            predictedTotal += p is null ? 0 : 1;
            goldTotal += g is null ? 0 : 1;
            if (p is not null && g is not null && Matches(p, g))
            {
                found++;
            }
        }

        return (predictedTotal, goldTotal, found);
    }

    /// <summary>get_keywords: which clauses and operators a query uses.</summary>
    internal static HashSet<string> Keywords(SpiderSql sql)
    {
        var keywords = new HashSet<string>(StringComparer.Ordinal);
        void AddIf(bool condition, string keyword)
        {
            if (condition)
            {
                keywords.Add(keyword);
            }
        }

        AddIf(sql.Where.Count > 0, "where");
        AddIf(sql.GroupBy.Count > 0, "group");
        AddIf(sql.Having.Count > 0, "having");
        if (sql.OrderBy is not null)
        {
            keywords.Add(sql.OrderBy.Direction);
            keywords.Add("order");
        }

        AddIf(sql.Limit is not null, "limit");
        AddIf(sql.Except is not null, "except");
        AddIf(sql.Union is not null, "union");
        AddIf(sql.Intersect is not null, "intersect");

        var lists = new[] { sql.From.Conditions, sql.Where, sql.Having };
        AddIf(lists.SelectMany(ConditionList.Connectors).Contains("or"), "or");
        var units = lists.SelectMany(ConditionList.Units).ToList();
        AddIf(units.Any(u => u.Not), "not");
        AddIf(units.Any(u => u.Op == WhereOp.In), "in");
        AddIf(units.Any(u => u.Op == WhereOp.Like), "like");
        return keywords;
    }

    private static bool SameMultiset(IEnumerable<TableUnit> predicted, IEnumerable<TableUnit> gold)
    {
        var remaining = gold.ToList();
        foreach (var unit in predicted)
        {
            if (!remaining.Remove(unit))
            {
                return false;
            }
        }

        return remaining.Count == 0;
    }
}
