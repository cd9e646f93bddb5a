using Gateway.Sql.Ast;

namespace Gateway.Sql.Validation.Rules;

/// <summary>No INSERT/UPDATE/DELETE/MERGE/REPLACE/TRUNCATE/COPY, at the root or anywhere in the tree (writable CTEs).</summary>
internal sealed class NoDataChangeRule : IQueryRule
{
    public string Id => RuleIds.DataChange;

    public RuleViolation? Check(RuleContext context)
    {
        var statement = context.Effective;
        if (StatementCategories.IsDataChange(statement.Kind))
        {
            return context.Violation(Id, $"{StatementCategories.Describe(statement, context.Sql)} changes data and is not allowed; only queries are.", statement);
        }

        var changes = context.Analysis.DataChanges;
        if (changes.Count == 0)
        {
            return null;
        }

        var change = changes[0];
        var operation = change.Operation.ToString().ToUpperInvariant();
        return context.Violation(Id, $"The query contains a data-changing {operation}{Target(change)}; only reads are allowed.", change);
    }

    private static string Target(DataChangeBody change) => change.Target is null ? "" : $" on {change.Target.Name}";
}
