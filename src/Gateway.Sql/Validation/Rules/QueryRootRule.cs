using Gateway.Sql.Ast;

namespace Gateway.Sql.Validation.Rules;

/// <summary>Default deny: the statement must be a query (or a plain EXPLAIN of one). DDL, GRANT, SHOW, VACUUM... are refused.</summary>
internal sealed class QueryRootRule : IQueryRule
{
    public string Id => RuleIds.QueryRoot;

    public RuleViolation? Check(RuleContext context)
    {
        var statement = context.Effective;
        return statement is QueryStatement
            ? null
            : context.Violation(Id, $"{StatementCategories.Describe(statement, context.Sql)} is not a query; only SELECT-style queries are allowed.", statement);
    }
}
