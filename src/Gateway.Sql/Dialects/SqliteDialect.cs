using Gateway.Sql.Lexing;

namespace Gateway.Sql.Dialects;

/// <summary>SQLite: <c>"x"</c>, <c>[x]</c> and <c>`x`</c> identifiers, <c>X'..'</c> blobs, <c>?</c>/<c>?1</c>/<c>:a</c>/<c>@a</c>/<c>$a</c> parameters.</summary>
internal sealed class SqliteDialect : SqlDialect
{
    public override SqlDialectKind Kind => SqlDialectKind.Sqlite;
    public override IdentifierQuoteStyles IdentifierQuotes =>
        IdentifierQuoteStyles.DoubleQuote | IdentifierQuoteStyles.Bracket | IdentifierQuoteStyles.Backtick;
    public override bool HexNumbers => true;
    public override ParameterStyles Parameters =>
        ParameterStyles.Question | ParameterStyles.NumberedQuestion | ParameterStyles.Colon | ParameterStyles.At | ParameterStyles.DollarName;
    public override bool DoubleEquals => true;
    public override bool JsonArrows => true;
    public override PatternOperators PatternOperators => PatternOperators.Glob | PatternOperators.Regexp | PatternOperators.Match;
    public override bool PostfixNullTests => true;
    public override bool LimitCommaOffset => true;
    public override bool IntervalLiterals => false;
    public override bool IsComparesValues => true;
    public override bool InTableName => true;
    public override string? DefaultSchema => "main";

    protected override IEnumerable<Keyword> ExtraReserved =>
    [
        Keyword.GLOB, Keyword.REGEXP, Keyword.MATCH, Keyword.ISNULL, Keyword.NOTNULL, Keyword.INDEXED,
        Keyword.FILTER, Keyword.OVER,
    ];
}
