using Gateway.Sql.Ast;
using Gateway.Sql.Dialects;
using Gateway.Sql.Parsing;
using Gateway.Sql.Policy;

namespace Gateway.Sql.Validation.Rules;

/// <summary>Everything a rule may look at for one validation: the text, its parse, the facts gathered from it, the policy.</summary>
internal sealed class RuleContext
{
    private QueryAnalysis? _analysis;
    private DeniedColumns? _deniedColumns;
    private DeniedColumns? _maskedColumns;

    public RuleContext(ParseResult parse, SqlPolicy policy)
    {
        Parse = parse;
        Policy = policy;
        DialectRules = policy.For(parse.Dialect.Kind);
    }

    public string Sql => Parse.Sql;

    public SqlDialect Dialect => Parse.Dialect;

    public ParseResult Parse { get; }

    public SqlPolicy Policy { get; }

    /// <summary>The policy's deny lists for this dialect.</summary>
    public DialectRules DialectRules { get; }

    /// <summary>The first (and, once <see cref="SingleStatementRule"/> has passed, only) statement.</summary>
    public Statement Root => Parse.Statements[0];

    /// <summary>The root, or the statement an EXPLAIN wraps.</summary>
    public Statement Effective => Root is ExplainStatement explain ? explain.Target : Root;

    /// <summary>Facts about the root statement, gathered on first use.</summary>
    public QueryAnalysis Analysis => _analysis ??= QueryAnalyzer.Analyze(Root);

    /// <summary>The policy's denied columns, indexed for lookups.</summary>
    public DeniedColumns DeniedColumns => _deniedColumns ??= new DeniedColumns(Policy.DeniedColumns);

    /// <summary>The policy's masked columns, indexed the same way (the index knows entries, not why they are listed).</summary>
    public DeniedColumns MaskedColumns => _maskedColumns ??= new DeniedColumns(Policy.MaskedColumns);

    public RuleViolation Violation(string rule, string message, SqlNode node) =>
        RuleViolation.At(rule, message, Sql, node.Span);

    public RuleViolation Violation(string rule, string message, TextSpan span) =>
        RuleViolation.At(rule, message, Sql, span);
}
