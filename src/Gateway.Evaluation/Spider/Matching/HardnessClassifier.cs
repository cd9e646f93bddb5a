using Gateway.Evaluation.Spider.Sql;

namespace Gateway.Evaluation.Spider.Matching;

/// <summary>
/// Spider's <c>eval_hardness</c> from its three component counts. Quirks are kept on purpose: a NOT condition in WHERE,
/// and every NOT condition or and/or word in HAVING, count as aggregations, because the original tests element[0].
/// </summary>
internal static class HardnessClassifier
{
    public static SpiderHardness Classify(SpiderSql sql)
    {
        var component1 = CountComponent1(sql);
        var component2 = CountComponent2(sql);
        var others = CountOthers(sql);

        if (component1 <= 1 && others == 0 && component2 == 0)
        {
            return SpiderHardness.Easy;
        }

        if ((others <= 2 && component1 <= 1 && component2 == 0) || (component1 <= 2 && others < 2 && component2 == 0))
        {
            return SpiderHardness.Medium;
        }

        if ((others > 2 && component1 <= 2 && component2 == 0)
            || (component1 > 2 && component1 <= 3 && others <= 2 && component2 == 0)
            || (component1 <= 1 && others == 0 && component2 <= 1))
        {
            return SpiderHardness.Hard;
        }

        return SpiderHardness.Extra;
    }

    /// <summary>WHERE, GROUP BY, ORDER BY, LIMIT, each join, each OR and each LIKE.</summary>
    internal static int CountComponent1(SpiderSql sql)
    {
        var count = 0;
        count += sql.Where.Count > 0 ? 1 : 0;
        count += sql.GroupBy.Count > 0 ? 1 : 0;
        count += sql.OrderBy is not null ? 1 : 0;
        count += sql.Limit is not null ? 1 : 0;
        count += Math.Max(0, sql.From.TableUnits.Count - 1);
        var lists = new[] { sql.From.Conditions, sql.Where, sql.Having };
        count += lists.SelectMany(ConditionList.Connectors).Count(c => c == "or");
        count += lists.SelectMany(ConditionList.Units).Count(u => u.Op == WhereOp.Like);
        return count;
    }

    /// <summary>Nested queries in conditions, plus INTERSECT, EXCEPT and UNION (FROM subqueries are not counted).</summary>
    internal static int CountComponent2(SpiderSql sql) => NestedQueries(sql).Count();

    internal static IEnumerable<SpiderSql> NestedQueries(SpiderSql sql)
    {
        foreach (var unit in new[] { sql.From.Conditions, sql.Where, sql.Having }.SelectMany(ConditionList.Units))
        {
            if (unit.Value1 is NestedQueryValue first)
            {
                yield return first.Query;
            }

            if (unit.Value2 is NestedQueryValue second)
            {
                yield return second.Query;
            }
        }

        foreach (var part in new[] { sql.Intersect, sql.Except, sql.Union })
        {
            if (part is not null)
            {
                yield return part;
            }
        }
    }

    /// <summary>More than one aggregation, more than one select column, more than one WHERE condition, more than one GROUP BY column.</summary>
    internal static int CountOthers(SpiderSql sql)
    {
        var aggregations = sql.Select.Items.Count(i => i.Agg != AggOp.None)
            + ConditionList.Even(sql.Where).Count(CountsAsAggregation)
            + sql.GroupBy.Count(c => c.Agg != AggOp.None)
            + (sql.OrderBy?.Items.Count(v => v.Left.Agg != AggOp.None) ?? 0)
            + (sql.OrderBy?.Items.Count(v => v.Right is not null && v.Right.Agg != AggOp.None) ?? 0)
            + sql.Having.Count(CountsAsAggregation);

        var count = 0;
        count += aggregations > 1 ? 1 : 0;
        count += sql.Select.Items.Count > 1 ? 1 : 0;
        count += sql.Where.Count > 1 ? 1 : 0;
        count += sql.GroupBy.Count > 1 ? 1 : 0;
        return count;
    }

    /// <summary>has_agg applied to a condition element: element[0] is the NOT flag of a cond_unit, a letter of 'and'/'or'.</summary>
    private static bool CountsAsAggregation(ConditionElement element) => element is not CondUnit unit || unit.Not;
}
