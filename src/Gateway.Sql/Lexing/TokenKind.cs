namespace Gateway.Sql.Lexing;

/// <summary>What a token is. Words carry a <see cref="Keyword"/> when they spell one.</summary>
internal enum TokenKind : byte
{
    EndOfInput,

    /// <summary>An unquoted word: a keyword or a plain identifier.</summary>
    Word,

    /// <summary><c>"x"</c>, <c>`x`</c>, <c>[x]</c>, <c>U&amp;"x"</c>.</summary>
    QuotedIdentifier,

    /// <summary><c>'x'</c> (and MySQL <c>"x"</c>).</summary>
    String,

    /// <summary>PostgreSQL <c>E'x'</c>.</summary>
    EscapeString,

    /// <summary>PostgreSQL <c>U&amp;'x'</c>.</summary>
    UnicodeString,

    /// <summary><c>N'x'</c>.</summary>
    NationalString,

    /// <summary><c>X'1F'</c>.</summary>
    HexString,

    /// <summary><c>B'01'</c>.</summary>
    BitString,

    /// <summary>PostgreSQL <c>$$x$$</c>, <c>$tag$x$tag$</c>.</summary>
    DollarString,

    /// <summary>MySQL <c>_utf8mb4'x'</c>.</summary>
    IntroducedString,

    /// <summary>Integer or decimal number.</summary>
    Number,

    /// <summary><c>0x1F</c>, <c>0b01</c>.</summary>
    HexNumber,

    /// <summary>A bind parameter: <c>?</c>, <c>?1</c>, <c>$1</c>, <c>:a</c>, <c>@a</c> (SQLite), <c>$a</c>.</summary>
    Parameter,

    /// <summary>MySQL <c>@var</c>.</summary>
    UserVariable,

    /// <summary>MySQL <c>@@var</c>, <c>@@session.var</c>.</summary>
    SystemVariable,

    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
    Comma,
    Dot,
    Semicolon,
    Colon,
    DoubleColon,
    ColonEquals,
    Star,
    Plus,
    Minus,
    Slash,
    Percent,
    Caret,
    Equals,
    DoubleEquals,
    NotEquals,
    LessThan,
    GreaterThan,
    LessOrEqual,
    GreaterOrEqual,
    NullSafeEquals,
    Concat,
    Ampersand,
    DoubleAmpersand,
    Pipe,
    Tilde,
    TildeStar,
    NotTilde,
    NotTildeStar,
    Bang,
    ShiftLeft,
    ShiftRight,
    Hash,
    Arrow,
    LongArrow,
    HashArrow,
    HashLongArrow,
    AtGreater,
    LessAt,
    AtAt,
    At,
    Question,
    QuestionPipe,
    QuestionAmpersand,
    FatArrow,
}
