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
        // Before the data-change rule, so EXPLAIN ANALYZE DELETE is named for what makes it dangerous: ANALYZE runs it.
        new ExplainRule(),
        new NoDataChangeRule(),
        new NoLockingRule(),
        new QueryRootRule(),
        new NoSelectIntoRule(),
        new DeniedFunctionRule(),
        new ProtectedRelationRule(),
        new TablePolicyRule(),
        new ColumnPolicyRule(),
        new ColumnMaskRule(),
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

        if (parse.Tokens.BackslashQuoteAt is { } escape)
        {
            return SqlVerdict.Reject(
                RuleIds.AmbiguousSyntax,
                "A quote escaped with a backslash reads differently when the server runs with NO_BACKSLASH_ESCAPES; double the quote instead ('it''s').",
                escape,
                RuleViolation.Cut(sql, escape, 2));
        }

        if (Judge(parse, policy) is { } rejection)
        {
            return rejection;
        }

        if (parse.Tokens.HasConditionalComments && JudgeWithoutConditionalComments(parse, grammar, policy) is { } skipped)
        {
            return skipped;
        }

        var executable = policy.MaxRows is { } maxRows ? RowCapRewriter.Rewrite(parse, maxRows) : sql;
        return SqlVerdict.Allow(executable, MaskedOutputNames.For(policy));
    }

    /// <summary>Runs the rules over a parse; null when every rule passes.</summary>
    private SqlVerdict? Judge(ParseResult parse, SqlPolicy policy)
    {
        var sql = parse.Sql;
        if (parse.Statements.Count == 0)
        {
            return SqlVerdict.Reject(RuleIds.InputEmpty, "The SQL contains no statement, only comments or semicolons.", 0, RuleViolation.Cut(sql, 0, RuleViolation.MaxFragmentLength));
        }

        try
        {
            var context = new RuleContext(parse, policy);
            foreach (var rule in _rules)
            {
                if (rule.Check(context) is { } violation)
                {
                    return violation.ToVerdict();
                }
            }
        }
        catch (InsufficientExecutionStackException)
        {
            return SqlVerdict.Reject(RuleIds.ParseError, "The statement is nested too deeply to analyse.", 0, RuleViolation.Cut(sql, 0, RuleViolation.MaxFragmentLength));
        }

        return null;
    }

    /// <summary>
    /// A server older than a <c>/*!NNNNN ...*/</c> comment's version (or MySQL reading MariaDB's <c>/*M! ...*/</c>) skips
    /// its content; that reading must be safe too. The comments are blanked to spaces, so positions still point into
    /// the original text.
    /// </summary>
    private SqlVerdict? JudgeWithoutConditionalComments(ParseResult parse, Dialects.SqlDialect grammar, SqlPolicy policy)
    {
        var text = parse.Sql.ToCharArray();
        foreach (var region in parse.Tokens.ExecutableComments)
        {
            if (region.Conditional)
            {
                Array.Fill(text, ' ', region.Start, region.End - region.Start);
            }
        }

        var skipped = SqlParser.Parse(new string(text), grammar);
        var verdict = skipped.Error is { } error
            ? SqlVerdict.Reject(RuleIds.ParseError, $"Read without its version-conditional comments, the SQL does not parse: {error.Message}", error.Position, RuleViolation.Cut(parse.Sql, error.Position, RuleViolation.MaxFragmentLength))
            : Judge(skipped, policy);
        return verdict is null
            ? null
            : verdict with
            {
                Message = $"On a server that skips the version-conditional comment(s): {verdict.Message}",
                Fragment = verdict.Position is { } at ? RuleViolation.Cut(parse.Sql, at, Math.Max(verdict.Fragment?.Length ?? 0, 1)) : verdict.Fragment,
            };
    }
}
