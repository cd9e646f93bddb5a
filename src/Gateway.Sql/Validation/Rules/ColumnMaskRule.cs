using Gateway.Sql.Ast;

namespace Gateway.Sql.Validation.Rules;

/// <summary>
/// Masked columns (<c>col</c> or <c>table.col</c>, resolved as denied columns are) may only be returned, never
/// used: they may appear only as plain items of the outermost select list (or through its <c>*</c>), where the
/// executor replaces their values. Anywhere else (WHERE, JOIN, GROUP BY, ORDER BY, DISTINCT, function arguments,
/// subqueries, CTEs, set operations) the query would compute with the real values and reveal them through which rows
/// come back, in what order, or under another name. Whole-row references and alias column lists over a table holding
/// a masked column are refused for the same reason.
/// </summary>
internal sealed class ColumnMaskRule : IQueryRule
{
    private const string Advice = "a masked column may only be listed as a plain column of the outermost SELECT";

    public string Id => RuleIds.ColumnMasked;

    public RuleViolation? Check(RuleContext context)
    {
        var masked = context.MaskedColumns;
        if (masked.IsEmpty)
        {
            return null;
        }

        foreach (var relation in context.Analysis.Relations)
        {
            var table = relation.Table;
            if (!relation.IsCte && table.Alias is { Columns.Count: > 0 } alias
                && masked.AnyIn(table.Name.Qualifier, table.Name.Name) is { } renamed)
            {
                return context.Violation(Id, $"The column list of the alias {alias.Name.Value} renames the columns of {table.Name.Name}, so the masked column {renamed} would be returned under another name, unmasked; drop the column list.", alias);
            }
        }

        var output = new OutermostProjection(context.Effective);
        string? entry = null;
        var exposed = new HashSet<SqlNode>(ReferenceEqualityComparer.Instance);
        foreach (var use in context.Analysis.Columns)
        {
            if (PolicyColumnLookup.Find(masked, use) is not { } match)
            {
                continue;
            }

            if (match.WholeRow)
            {
                return context.Violation(Id, $"The whole-row reference {use.Parts[^1].Value} would return the masked column {match.Entry} unmasked; list the columns instead.", use.Node);
            }

            if (!output.Permits(use.Node))
            {
                return context.Violation(Id, $"The masked column {use.Parts[^1].Value} ({match.Entry}) is used to compute the result, which would reveal its values; {Advice}.", use.Node);
            }

            entry ??= match.Entry;
            exposed.Add(use.Node);
        }

        foreach (var star in context.Analysis.Stars)
        {
            if (PolicyColumnLookup.Find(masked, star) is not { } hit)
            {
                continue;
            }

            if (!output.Permits(star.Node))
            {
                var what = star.Node switch
                {
                    StarExpression => $"{star.Node.TextIn(context.Sql)} over {hit.Table}",
                    JoinedTable => $"NATURAL JOIN with {hit.Table}",
                    _ => $"Reading every column of {hit.Table}",
                };
                return context.Violation(Id, $"{what} would use the masked column {hit.Entry} outside the outermost select list, which would reveal its values; list the columns instead, leaving it out.", star.Node);
            }

            entry ??= hit.Entry;
            exposed.Add(star.Node);
        }

        return entry is null ? null : MaskedResultShape.Check(context, output, exposed, entry);
    }
}
