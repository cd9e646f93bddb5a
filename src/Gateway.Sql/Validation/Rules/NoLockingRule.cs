namespace Gateway.Sql.Validation.Rules;

/// <summary>No row locks (FOR UPDATE/SHARE/NO KEY UPDATE/KEY SHARE, LOCK IN SHARE MODE) and no LOCK/UNLOCK statements.</summary>
internal sealed class NoLockingRule : IQueryRule
{
    public string Id => RuleIds.Locking;

    public RuleViolation? Check(RuleContext context)
    {
        var statement = context.Effective;
        if (StatementCategories.IsLocking(statement.Kind))
        {
            return context.Violation(Id, $"{StatementCategories.Describe(statement, context.Sql)} takes or releases table locks and is not allowed.", statement);
        }

        var locks = context.Analysis.Locks;
        return locks.Count == 0
            ? null
            : context.Violation(Id, "Locking clauses (FOR UPDATE, FOR SHARE, LOCK IN SHARE MODE, ...) are not allowed: a read must not block writers.", locks[0]);
    }
}
