using Gateway.Sql.Ast;

namespace Gateway.Sql.Validation.Rules;

/// <summary>EXPLAIN ANALYZE (in any spelling, whatever the option's value) runs the statement, so it is never allowed.</summary>
internal sealed class ExplainRule : IQueryRule
{
    public string Id => RuleIds.ExplainAnalyze;

    public RuleViolation? Check(RuleContext context) =>
        context.Root is ExplainStatement { Analyze: true } explain
            ? context.Violation(Id, "EXPLAIN ANALYZE executes the statement and is not allowed; plain EXPLAIN is.", explain)
            : null;
}
