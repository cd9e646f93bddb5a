namespace Gateway.Sql.Validation.Rules;

/// <summary>No reads from the dialect's credential and security catalogs (<c>pg_authid</c>, <c>mysql.user</c>, ...).</summary>
internal sealed class ProtectedRelationRule : IQueryRule
{
    public string Id => RuleIds.ProtectedRelation;

    public RuleViolation? Check(RuleContext context)
    {
        foreach (var relation in context.Analysis.Relations)
        {
            var name = relation.Table.Name;
            if (context.DialectRules.FindRelation(name.Qualifier, name.Name) is { } denied)
            {
                return context.Violation(Id, $"The relation {denied.Name} is protected ({denied.Category}): {denied.Reason}", relation.Table.Name);
            }
        }

        return null;
    }
}
