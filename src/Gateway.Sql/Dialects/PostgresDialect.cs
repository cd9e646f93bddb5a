using Gateway.Sql.Lexing;

namespace Gateway.Sql.Dialects;

/// <summary>PostgreSQL: standard strings plus E/U&amp;/B/X/dollar quoting, nested comments, <c>::</c>, JSON operators.</summary>
internal sealed class PostgresDialect : SqlDialect
{
    public override SqlDialectKind Kind => SqlDialectKind.Postgres;
    public override bool EscapeStrings => true;
    public override bool UnicodeStrings => true;
    public override bool BitStrings => true;
    public override bool NationalStrings => true;
    public override bool HexNumbers => true;
    public override bool NumericUnderscores => true;
    public override bool DollarQuotedStrings => true;
    public override bool NestedBlockComments => true;
    public override ParameterStyles Parameters => ParameterStyles.NumberedDollar;
    public override bool DoubleColonCast => true;
    public override bool ColonEquals => true;
    public override bool CaretIsPower => true;
    public override bool HashIsXor => true;
    public override bool JsonArrows => true;
    public override bool PostgresOperators => true;
    public override bool TildeRegex => true;
    public override PatternOperators PatternOperators => PatternOperators.ILike | PatternOperators.SimilarTo;
    public override bool PostfixNullTests => true;
    public override bool Arrays => true;
    public override bool DistinctOn => true;
    public override bool TypedStringLiterals => true;
    public override bool FetchFirst => true;
    public override bool LockingClauses => true;
    public override bool ExplainOptionList => true;
    public override bool JoinConditionRequired => true;
    public override bool TableInheritanceSyntax => true;
    public override string? DefaultSchema => "public";

    protected override IEnumerable<Keyword> ExtraReserved =>
    [
        Keyword.ARRAY, Keyword.ILIKE, Keyword.SIMILAR, Keyword.ISNULL, Keyword.NOTNULL, Keyword.ONLY,
        Keyword.TABLESAMPLE, Keyword.WITHIN, Keyword.FILTER, Keyword.OVER, Keyword.CURRENT_USER,
        Keyword.SESSION_USER, Keyword.USER, Keyword.LOCALTIME, Keyword.LOCALTIMESTAMP, Keyword.CURRENT_ROLE,
        Keyword.CURRENT_CATALOG, Keyword.ANALYSE, Keyword.ANALYZE, Keyword.DO, Keyword.GRANT, Keyword.VARIADIC,
        Keyword.SYMMETRIC, Keyword.ASYMMETRIC, Keyword.BOTH, Keyword.LEADING, Keyword.TRAILING, Keyword.PLACING,
    ];
}
