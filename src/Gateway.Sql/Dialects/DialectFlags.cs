namespace Gateway.Sql.Dialects;

/// <summary>The characters a dialect accepts around a quoted identifier.</summary>
[Flags]
internal enum IdentifierQuoteStyles
{
    None = 0,

    /// <summary><c>"name"</c>, with <c>""</c> for a quote inside.</summary>
    DoubleQuote = 1,

    /// <summary><c>`name`</c>, with <c>``</c> for a backtick inside.</summary>
    Backtick = 2,

    /// <summary><c>[name]</c>, no escape (SQLite, for Access and SQL Server compatibility).</summary>
    Bracket = 4,
}

/// <summary>The bind-parameter markers a dialect's server (or its usual drivers) accept.</summary>
[Flags]
internal enum ParameterStyles
{
    None = 0,

    /// <summary><c>?</c></summary>
    Question = 1,

    /// <summary><c>?1</c></summary>
    NumberedQuestion = 2,

    /// <summary><c>$1</c></summary>
    NumberedDollar = 4,

    /// <summary><c>:name</c></summary>
    Colon = 8,

    /// <summary><c>@name</c></summary>
    At = 16,

    /// <summary><c>$name</c></summary>
    DollarName = 32,
}

/// <summary>Pattern-matching operators beyond <c>LIKE</c>.</summary>
[Flags]
internal enum PatternOperators
{
    Like = 0,
    ILike = 1,
    SimilarTo = 2,
    Regexp = 4,
    RLike = 8,
    Glob = 16,
    Match = 32,
}
