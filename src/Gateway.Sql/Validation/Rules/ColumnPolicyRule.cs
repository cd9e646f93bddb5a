using Gateway.Sql.Ast;

namespace Gateway.Sql.Validation.Rules;

/// <summary>
/// Denied columns (<c>col</c> or <c>table.col</c>) may not be referenced, resolved through aliases and across
/// enclosing scopes; <c>*</c>, <c>t.*</c>, <c>TABLE t</c>, NATURAL JOIN and whole-row references over a table
/// that may hold a denied column are refused because they would expose it, and so is an alias column list over such
/// a table (it renames the denied column).
/// </summary>
internal sealed class ColumnPolicyRule : IQueryRule
{
    public string Id => RuleIds.ColumnDenied;

    public RuleViolation? Check(RuleContext context)
    {
        var denied = context.DeniedColumns;
        if (denied.IsEmpty)
        {
            return null;
        }

        foreach (var relation in context.Analysis.Relations)
        {
            var table = relation.Table;
            if (!relation.IsCte && table.Alias is { Columns.Count: > 0 } alias
                && denied.AnyIn(table.Name.Qualifier, table.Name.Name) is { } renamed)
            {
                // FROM users AS u(id, pw) renames the columns by position: pw would read the denied column unnoticed.
                return context.Violation(Id, $"The column list of the alias {alias.Name.Value} renames the columns of {table.Name.Name}, so the denied column {renamed} could be read under another name; drop the column list.", alias);
            }
        }

        foreach (var use in context.Analysis.Columns)
        {
            if (CheckColumn(context, denied, use) is { } violation)
            {
                return violation;
            }
        }

        foreach (var star in context.Analysis.Stars)
        {
            if (CheckStar(context, denied, star) is { } violation)
            {
                return violation;
            }
        }

        return null;
    }

    private RuleViolation? CheckColumn(RuleContext context, DeniedColumns denied, ColumnUse use) =>
        PolicyColumnLookup.Find(denied, use) switch
        {
            null => null,
            { WholeRow: true } match => context.Violation(Id, $"The whole-row reference {use.Parts[^1].Value} would expose the denied column {match.Entry}.", use.Node),
            { } match => Denied(context, use.Node, use.Parts[^1].Value, match.Entry),
        };

    private RuleViolation? CheckStar(RuleContext context, DeniedColumns denied, StarUse star)
    {
        if (PolicyColumnLookup.Find(denied, star) is not var (entry, table))
        {
            return null;
        }

        var what = star.Node switch
        {
            StarExpression => $"{star.Node.TextIn(context.Sql)} over {table}",
            JoinedTable => $"NATURAL JOIN with {table}",
            _ => $"reading every column of {table}",
        };
        return context.Violation(Id, $"{Capitalise(what)} would expose the denied column {entry}; list the columns instead.", star.Node);
    }

    private RuleViolation Denied(RuleContext context, SqlNode node, string column, string entry) =>
        context.Violation(Id, $"The column {column} is denied by the policy ({entry}).", node);

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
