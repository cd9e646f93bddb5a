namespace Gateway.Evaluation.Spider.Sql;

/// <summary>Python's <c>conds[::2]</c> and <c>conds[1::2]</c> over a condition list.</summary>
internal static class ConditionList
{
    /// <summary>The elements at even positions: the cond_units of a well-formed list.</summary>
    public static IEnumerable<ConditionElement> Even(IReadOnlyList<ConditionElement> conditions) =>
        conditions.Where((_, i) => i % 2 == 0);

    /// <summary>The elements at odd positions: the connectors of a well-formed list.</summary>
    public static IEnumerable<ConditionElement> Odd(IReadOnlyList<ConditionElement> conditions) =>
        conditions.Where((_, i) => i % 2 == 1);

    public static IEnumerable<CondUnit> Units(IReadOnlyList<ConditionElement> conditions) => Even(conditions).OfType<CondUnit>();

    public static IEnumerable<string> Connectors(IReadOnlyList<ConditionElement> conditions) =>
        Odd(conditions).OfType<Connector>().Select(c => c.Word);
}
