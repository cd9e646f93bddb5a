namespace Gateway.Sql.Validation.Rules;

/// <summary>No BEGIN/START TRANSACTION/COMMIT/ROLLBACK/SAVEPOINT/RELEASE/XA: the gateway owns the transaction.</summary>
internal sealed class TransactionControlRule : IQueryRule
{
    public string Id => RuleIds.TransactionControl;

    public RuleViolation? Check(RuleContext context)
    {
        var statement = context.Effective;
        return StatementCategories.IsTransactionControl(statement.Kind)
            ? context.Violation(Id, $"Transaction control ({StatementCategories.Describe(statement, context.Sql)}) is not allowed; the gateway manages transactions.", statement)
            : null;
    }
}
