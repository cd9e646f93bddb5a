namespace Gateway.Sql.Validation.Rules;

/// <summary>Exactly one statement (a trailing semicolon is fine): batches can hide a second, writing statement.</summary>
internal sealed class SingleStatementRule : IQueryRule
{
    public string Id => RuleIds.SingleStatement;

    public RuleViolation? Check(RuleContext context)
    {
        var statements = context.Parse.Statements;
        return statements.Count <= 1
            ? null
            : context.Violation(Id, $"Only one statement is allowed, but the SQL contains {statements.Count}; the second starts here.", statements[1]);
    }
}
