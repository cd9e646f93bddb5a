namespace Gateway.Sql.Validation.Rules;

/// <summary>
/// The policy's table lists, applied to base tables (CTE names are not tables): a denied table is refused
/// (<see cref="RuleIds.TableDenied"/>), and when an allow list is given every other table is too
/// (<see cref="RuleIds.TableNotAllowed"/>).
/// </summary>
internal sealed class TablePolicyRule : IQueryRule
{
    public string Id => RuleIds.TableDenied;

    public RuleViolation? Check(RuleContext context)
    {
        var denied = NameSet.IgnoringCase(context.Policy.DeniedTables);
        var allowed = NameSet.IgnoringCase(context.Policy.AllowedTables);
        if (denied.Count == 0 && allowed.Count == 0)
        {
            return null;
        }

        foreach (var relation in context.Analysis.Relations)
        {
            if (relation.IsCte)
            {
                continue;
            }

            var name = relation.Table.Name;
            var display = name.Qualifier is null ? name.Name : $"{name.Qualifier}.{name.Name}";
            if (denied.Count > 0 && NameSet.Match(denied, name.Qualifier, name.Name, null, anySchema: true) is { } entry)
            {
                return context.Violation(RuleIds.TableDenied, $"The table {display} is denied by the policy ({entry}).", name);
            }

            if (allowed.Count > 0 && NameSet.Match(allowed, name.Qualifier, name.Name, context.Dialect.DefaultSchema, anySchema: false) is null)
            {
                return context.Violation(RuleIds.TableNotAllowed, $"The table {display} is not in the policy's list of allowed tables.", name);
            }
        }

        return null;
    }
}
