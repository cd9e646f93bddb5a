namespace Gateway.Sql.Validation.Rules;

/// <summary>
/// No statement that changes or drives the session (SET, RESET, USE, EXECUTE, CALL, PREPARE, DO, PRAGMA, ATTACH,
/// LOAD, LISTEN/NOTIFY, cursors...) and no MySQL user-variable assignment (<c>@a := 1</c>) inside a query.
/// </summary>
internal sealed class SessionControlRule : IQueryRule
{
    public string Id => RuleIds.SessionControl;

    public RuleViolation? Check(RuleContext context)
    {
        var statement = context.Effective;
        if (StatementCategories.IsSessionControl(statement.Kind))
        {
            return context.Violation(Id, $"{StatementCategories.Describe(statement, context.Sql)} changes or drives the session and is not allowed; only queries are.", statement);
        }

        var assignments = context.Analysis.Assignments;
        return assignments.Count == 0
            ? null
            : context.Violation(Id, $"Assigning the session variable {assignments[0].Target.Name} with := is not allowed.", assignments[0]);
    }
}
