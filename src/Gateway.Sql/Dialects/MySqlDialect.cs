using Gateway.Sql.Lexing;

namespace Gateway.Sql.Dialects;

/// <summary>MySQL and MariaDB in their default SQL mode: backticks, backslash escapes, <c>#</c> comments, executable comments, <c>@var</c>.</summary>
internal sealed class MySqlDialect : SqlDialect
{
    public override SqlDialectKind Kind => SqlDialectKind.MySql;
    public override IdentifierQuoteStyles IdentifierQuotes => IdentifierQuoteStyles.Backtick;
    public override bool DoubleQuotedStrings => true;
    public override bool BackslashEscapes => true;
    public override bool BitStrings => true;
    public override bool NationalStrings => true;
    public override bool HexNumbers => true;
    public override bool DigitLeadingIdentifiers => true;
    public override bool CharsetIntroducers => true;
    public override bool HashComments => true;
    public override bool DashCommentNeedsSpace => true;
    public override bool ExecutableComments => true;
    public override ParameterStyles Parameters => ParameterStyles.Question;
    public override bool UserVariables => true;
    public override bool PipesAreOr => true;
    public override bool AmpersandsAreAnd => true;
    public override bool BangIsNot => true;
    public override bool NullSafeEquals => true;
    public override bool WordOperators => true;
    public override bool ColonEquals => true;
    public override bool JsonArrows => true;
    public override PatternOperators PatternOperators => PatternOperators.Regexp | PatternOperators.RLike;
    public override bool LimitCommaOffset => true;
    public override bool LockingClauses => true;
    public override bool MySqlSelectExtensions => true;

    protected override IEnumerable<Keyword> ExtraReserved =>
    [
        Keyword.REGEXP, Keyword.RLIKE, Keyword.DIV, Keyword.MOD, Keyword.XOR, Keyword.STRAIGHT_JOIN, Keyword.LOCK,
        Keyword.USE, Keyword.IGNORE, Keyword.FORCE, Keyword.PARTITION, Keyword.INTERVAL, Keyword.MATCH,
        Keyword.BINARY, Keyword.CONVERT, Keyword.SEPARATOR, Keyword.WINDOW, Keyword.OVER, Keyword.DISTINCTROW,
        Keyword.HIGH_PRIORITY, Keyword.SQL_BIG_RESULT, Keyword.SQL_SMALL_RESULT, Keyword.SQL_BUFFER_RESULT,
        Keyword.SQL_CALC_FOUND_ROWS, Keyword.KEY, Keyword.INDEX, Keyword.GRANT,
    ];
}
