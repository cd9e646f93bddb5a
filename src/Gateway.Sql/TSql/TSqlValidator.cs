using Gateway.Sql.Policy;
using Gateway.Sql.Validation;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Gateway.Sql.TSql;

/// <summary>
/// Validates T-SQL parsed by ScriptDom: statement shape, then one visitor pass for the safety and name rules, then
/// the column rules (denied, then masked) over what the pass recorded, then the row cap. Default deny: anything not recognised as a plain
/// read is refused.
/// </summary>
internal sealed class TSqlValidator
{
    /// <summary>Deeper nesting is refused before parsing; no real query comes near it.</summary>
    public const int MaxNesting = 200;

    /// <summary>Token streams up to this length are parsed on the caller's thread; the tree they build is shallow enough for any stack.</summary>
    public const int InlineTokenLimit = 2048;

    public SqlVerdict Validate(string sql, SqlPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentNullException.ThrowIfNull(policy);

        // A parser per call: ScriptDom parsers are cheap to create and this keeps the validator free of shared state.
        // Lexing first (iterative, so safe for any input) lets the nesting be measured; the parse reuses the tokens.
        var parser = new TSql170Parser(initialQuotedIdentifiers: true);
        IList<TSqlParserToken> tokens;
        IList<ParseError> errors;
        using (var reader = new StringReader(sql))
        {
            tokens = parser.GetTokenStream(reader, out errors);
        }

        if (errors.Count > 0)
        {
            return ParseFailure(sql, errors[0]);
        }

        var depth = TSqlNesting.Depth(tokens);
        if (depth > MaxNesting)
        {
            return SqlVerdict.Reject(RuleIds.InputTooLarge, $"The SQL nests {depth} levels deep; the limit is {MaxNesting}.", 0,
                TSqlViolation.Snippet(sql, 0, TSqlViolation.MaxFragmentLength));
        }

        return tokens.Count <= InlineTokenLimit
            ? Judge(sql, parser, tokens, policy)
            : TSqlLargeStack.Run(() => Judge(sql, parser, tokens, policy));
    }

    private static SqlVerdict Judge(string sql, TSql170Parser parser, IList<TSqlParserToken> tokens, SqlPolicy policy)
    {
        var fragment = parser.Parse(tokens, out var errors);
        if (errors.Count > 0)
        {
            return ParseFailure(sql, errors[0]);
        }

        if (TSqlStatementRules.Check((TSqlScript)fragment, out var select) is { } shape)
        {
            return shape.ToVerdict(sql);
        }

        var columns = new TSqlColumnRules(policy);
        var masks = new TSqlMaskRules(policy);
        var visitor = new TSqlSafetyVisitor(select!, new TSqlNameRules(policy), collectColumns: !columns.IsEmpty || !masks.IsEmpty);
        select!.Accept(visitor);
        var violation = visitor.Violation ?? columns.Check(visitor.Scopes) ?? masks.Check(select, visitor.Scopes);
        if (violation is not null)
        {
            return violation.ToVerdict(sql);
        }

        return SqlVerdict.Allow(policy.MaxRows is { } maxRows ? TSqlRowCap.Apply(sql, select, maxRows) : sql, MaskedOutputNames.For(policy));
    }

    private static SqlVerdict ParseFailure(string sql, ParseError error) =>
        SqlVerdict.Reject(RuleIds.ParseError, $"T-SQL syntax error {error.Number}: {error.Message}", error.Offset,
            TSqlViolation.Snippet(sql, error.Offset, TSqlViolation.MaxFragmentLength));
}
