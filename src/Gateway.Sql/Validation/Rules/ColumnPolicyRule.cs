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

    private RuleViolation? CheckColumn(RuleContext context, DeniedColumns denied, ColumnUse use)
    {
        var parts = use.Parts;
        var column = parts[^1].Value;
        if (parts.Count > 1)
        {
            var qualifier = parts[^2].Value;
            var schema = parts.Count > 2 ? parts[^3].Value : null;
            if (denied.Find(schema, qualifier, column) is { } direct)
            {
                return Denied(context, use.Node, column, direct);
            }

            for (var scope = use.Scope; scope is not null; scope = scope.Parent)
            {
                foreach (var source in scope.Sources)
                {
                    if (source.IsBaseTable && source.IsNamed(qualifier)
                        && denied.Find(source.Table!.Name.Qualifier, source.Table.Name.Name, column) is { } entry)
                    {
                        return Denied(context, use.Node, column, entry);
                    }
                }
            }

            return null;
        }

        if (denied.Find(null, null, column) is { } bare)
        {
            return Denied(context, use.Node, column, bare);
        }

        for (var scope = use.Scope; scope is not null; scope = scope.Parent)
        {
            foreach (var source in scope.Sources)
            {
                if (!source.IsBaseTable)
                {
                    continue;
                }

                var table = source.Table!.Name;
                if (denied.Find(table.Qualifier, table.Name, column) is { } entry)
                {
                    return Denied(context, use.Node, column, entry);
                }

                if (source.IsNamed(column) && denied.AnyIn(table.Qualifier, table.Name) is { } hidden)
                {
                    return context.Violation(Id, $"The whole-row reference {column} would expose the denied column {hidden}.", use.Node);
                }
            }
        }

        return null;
    }

    private RuleViolation? CheckStar(RuleContext context, DeniedColumns denied, StarUse star)
    {
        foreach (var source in star.Scope.Sources)
        {
            if (!source.IsBaseTable || (star.Qualifier is not null && !source.IsNamed(star.Qualifier)))
            {
                continue;
            }

            var table = source.Table!.Name;
            if (denied.AnyIn(table.Qualifier, table.Name) is { } entry)
            {
                var what = star.Node switch
                {
                    StarExpression => $"{star.Node.TextIn(context.Sql)} over {table.Name}",
                    JoinedTable => $"NATURAL JOIN with {table.Name}",
                    _ => $"reading every column of {table.Name}",
                };
                return context.Violation(Id, $"{Capitalise(what)} would expose the denied column {entry}; list the columns instead.", star.Node);
            }
        }

        if (star.Qualifier is not null)
        {
            // t.* where t names no source in this scope: look outward (a correlated qualifier).
            for (var scope = star.Scope.Parent; scope is not null; scope = scope.Parent)
            {
                foreach (var source in scope.Sources)
                {
                    if (source.IsBaseTable && source.IsNamed(star.Qualifier)
                        && denied.AnyIn(source.Table!.Name.Qualifier, source.Table.Name.Name) is { } entry)
                    {
                        return context.Violation(Id, $"{star.Node.TextIn(context.Sql)} would expose the denied column {entry}.", star.Node);
                    }
                }
            }
        }

        return null;
    }

    private RuleViolation Denied(RuleContext context, SqlNode node, string column, string entry) =>
        context.Violation(Id, $"The column {column} is denied by the policy ({entry}).", node);

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
