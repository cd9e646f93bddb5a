using Gateway.Sql.Ast;

namespace Gateway.Sql.Validation.Rules;

/// <summary>
/// Every function call is looked up, by qualified and by bare name, in the dialect's deny list (side effects,
/// file and network access, sleeps...) and in the policy's own <c>DeniedFunctions</c>.
/// </summary>
internal sealed class DeniedFunctionRule : IQueryRule
{
    public string Id => RuleIds.DeniedFunction;

    public RuleViolation? Check(RuleContext context)
    {
        var functions = context.Analysis.Functions;
        if (functions.Count == 0)
        {
            return null;
        }

        var policyDenied = NameSet.IgnoringCase(context.Policy.DeniedFunctions);
        foreach (var call in functions)
        {
            var name = call.Name.Name;
            var schema = call.Name.Qualifier;
            if (context.DialectRules.FindFunction(schema, name) is { } denied)
            {
                return context.Violation(Id, $"The function {Display(call)} is denied ({denied.Category}): {denied.Reason}", call);
            }

            if (policyDenied.Count > 0 && (policyDenied.Contains(name) || (schema is not null && policyDenied.Contains($"{schema}.{name}"))))
            {
                return context.Violation(Id, $"The function {Display(call)} is denied by the policy.", call);
            }
        }

        return null;
    }

    private static string Display(FunctionCall call) =>
        call.Name.Qualifier is null ? call.Name.Name : $"{call.Name.Qualifier}.{call.Name.Name}";
}
