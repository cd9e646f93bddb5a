using Gateway.Sql.Dialects;
using Gateway.Sql.Parsing;
using Gateway.Sql.Policy;
using Gateway.Sql.Rewriting;
using Gateway.Sql.Validation.Rules;

namespace Gateway.Sql.Validation;

/// <summary>
/// Validates PostgreSQL, MySQL and SQLite through the gateway's own front end: lex, parse (failing closed), run
/// every rule in a fixed order (the first violation is the verdict), then rewrite the SQL to enforce the row cap.
/// </summary>
internal sealed class QueryValidator
{
    /// <summary>The rules, in the order they are judged.</summary>
    private readonly IQueryRule[] _rules =
    [
        new SingleStatementRule(),
        new TransactionControlRule(),
        new SessionControlRule(),
        new NoDataChangeRule(),
        new NoLockingRule(),
        new ExplainRule(),
        new QueryRootRule(),
        new NoSelectIntoRule(),
        new DeniedFunctionRule(),
        new ProtectedRelationRule(),
        new TablePolicyRule(),
        new ColumnPolicyRule(),
    ];

    public IReadOnlyList<string> RuleOrder => Array.ConvertAll(_rules, rule => rule.Id);

    public SqlVerdict Validate(string sql, SqlDialectKind dialect, SqlPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentNullException.ThrowIfNull(policy);
        if (!SqlDialects.TryGet(dialect, out var grammar))
        {
            return SqlVerdict.Reject(RuleIds.InputMalformed, $"The {dialect} dialect is not read by this validator.");
        }

        var parse = SqlParser.Parse(sql, grammar);
        if (parse.Error is { } error)
        {
            return SqlVerdict.Reject(
                RuleIds.ParseError,
                $"The SQL could not be parsed as {dialect.ToName()}: {error.Message}",
                error.Position,
                RuleViolation.Cut(sql, error.Position, RuleViolation.MaxFragmentLength));
        }

        if (parse.Statements.Count == 0)
        {
            return SqlVerdict.Reject(RuleIds.InputEmpty, "The SQL contains no statement, only comments or semicolons.", 0, RuleViolation.Cut(sql, 0, RuleViolation.MaxFragmentLength));
        }

        var context = new RuleContext(parse, policy);
        foreach (var rule in _rules)
        {
            if (rule.Check(context) is { } violation)
            {
                return violation.ToVerdict();
            }
        }

        var executable = policy.MaxRows is { } maxRows ? RowCapRewriter.Rewrite(parse, maxRows) : sql;
        return SqlVerdict.Allow(executable);
    }
}
