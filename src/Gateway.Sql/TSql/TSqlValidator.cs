using Gateway.Sql.Policy;
using Gateway.Sql.Validation;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Gateway.Sql.TSql;

/// <summary>
/// Validates T-SQL parsed by ScriptDom: statement shape, then one visitor pass for the safety and name rules, then
/// the column rules over what the pass recorded, then the row cap. Default deny: anything not recognised as a plain
/// read is refused.
/// </summary>
internal sealed class TSqlValidator
{
    public SqlVerdict Validate(string sql, SqlPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentNullException.ThrowIfNull(policy);

        // A parser per call: ScriptDom parsers are cheap to create and this keeps the validator free of shared state.
        var parser = new TSql170Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        var fragment = parser.Parse(reader, out var errors);
        if (errors.Count > 0)
        {
            var error = errors[0];
            return SqlVerdict.Reject(RuleIds.ParseError, $"T-SQL syntax error {error.Number}: {error.Message}", error.Offset,
                TSqlViolation.Snippet(sql, error.Offset, TSqlViolation.MaxFragmentLength));
        }

        if (TSqlStatementRules.Check((TSqlScript)fragment, out var select) is { } shape)
        {
            return shape.ToVerdict(sql);
        }

        var visitor = new TSqlSafetyVisitor(select!, new TSqlNameRules(policy));
        select!.Accept(visitor);
        var violation = visitor.Violation ?? new TSqlColumnRules(policy).Check(visitor.Scopes);
        if (violation is not null)
        {
            return violation.ToVerdict(sql);
        }

        return SqlVerdict.Allow(policy.MaxRows is { } maxRows ? TSqlRowCap.Apply(sql, select, maxRows) : sql);
    }
}
