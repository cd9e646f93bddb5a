using Gateway.Sql.Lexing;

namespace Gateway.Sql.Dialects;

/// <summary>
/// Everything the shared lexer and parser need to know about one dialect, declared once here with a default and
/// a comment; each dialect subclass changes only values (a table of differences, as in sqlglot). Instances are
/// immutable and shared (see <see cref="SqlDialects"/>).
/// </summary>
internal abstract class SqlDialect
{
    /// <summary>Which dialect this is.</summary>
    public abstract SqlDialectKind Kind { get; }

    // ---- Quoting -------------------------------------------------------------------------------------------

    /// <summary>How identifiers may be quoted. Default: ANSI <c>"name"</c>.</summary>
    public virtual IdentifierQuoteStyles IdentifierQuotes => IdentifierQuoteStyles.DoubleQuote;

    /// <summary><c>"..."</c> is a string literal rather than an identifier (MySQL without ANSI_QUOTES). Default: false.</summary>
    public virtual bool DoubleQuotedStrings => false;

    /// <summary>Backslash escapes inside ordinary <c>'...'</c> strings (MySQL's default mode). Default: false (SQL standard: only <c>''</c>).</summary>
    public virtual bool BackslashEscapes => false;

    /// <summary><c>E'...'</c> strings with C-style backslash escapes (PostgreSQL). Default: false.</summary>
    public virtual bool EscapeStrings => false;

    /// <summary><c>U&amp;'...'</c> strings and <c>U&amp;"..."</c> identifiers with Unicode escapes (PostgreSQL). Default: false.</summary>
    public virtual bool UnicodeStrings => false;

    /// <summary><c>B'0101'</c> bit-string literals (PostgreSQL, MySQL). Default: false.</summary>
    public virtual bool BitStrings => false;

    /// <summary><c>X'1F'</c> hexadecimal string or blob literals. Default: true (all three dialects have them).</summary>
    public virtual bool HexStrings => true;

    /// <summary><c>N'...'</c> national-character strings. Default: false.</summary>
    public virtual bool NationalStrings => false;

    /// <summary><c>0x1F</c> hexadecimal number literals (and MySQL's <c>0b0101</c>). Default: false.</summary>
    public virtual bool HexNumbers => false;

    /// <summary><c>1_000_000</c>: underscores between digits (PostgreSQL 16). Default: false.</summary>
    public virtual bool NumericUnderscores => false;

    /// <summary>
    /// An unquoted identifier may begin with digits (<c>1abc</c> is a name in MySQL). When false, a number
    /// directly followed by letters is a lexical error, so <c>2fa_secret</c> is never read as <c>2 AS fa_secret</c>.
    /// </summary>
    public virtual bool DigitLeadingIdentifiers => false;

    /// <summary>Charset introducers before a string: <c>_utf8mb4'text'</c> (MySQL). Default: false.</summary>
    public virtual bool CharsetIntroducers => false;

    /// <summary><c>$$...$$</c> and <c>$tag$...$tag$</c> dollar-quoted strings (PostgreSQL). Default: false.</summary>
    public virtual bool DollarQuotedStrings => false;

    // ---- Comments ------------------------------------------------------------------------------------------

    /// <summary>Block comments nest: <c>/* a /* b */ c */</c> is one comment (PostgreSQL). Default: false.</summary>
    public virtual bool NestedBlockComments => false;

    /// <summary><c>#</c> starts a comment to the end of the line (MySQL). Default: false.</summary>
    public virtual bool HashComments => false;

    /// <summary><c>--</c> starts a comment only when followed by whitespace, a control character or the end (MySQL). Default: false.</summary>
    public virtual bool DashCommentNeedsSpace => false;

    /// <summary>
    /// <c>/*! ... */</c>, <c>/*!50000 ... */</c> and MariaDB's <c>/*M! ... */</c> are executable comments: the server
    /// runs their content, so the lexer reads it as code (MySQL). Default: false.
    /// </summary>
    public virtual bool ExecutableComments => false;

    // ---- Parameters and variables --------------------------------------------------------------------------

    /// <summary>Bind-parameter markers. Default: <c>?</c>.</summary>
    public virtual ParameterStyles Parameters => ParameterStyles.Question;

    /// <summary><c>@var</c> user variables and <c>@@var</c> system variables (MySQL). Default: false.</summary>
    public virtual bool UserVariables => false;

    // ---- Operators -----------------------------------------------------------------------------------------

    /// <summary><c>x::type</c> casts (PostgreSQL). Default: false.</summary>
    public virtual bool DoubleColonCast => false;

    /// <summary><c>||</c> means logical OR, not concatenation (MySQL without PIPES_AS_CONCAT). Default: false.</summary>
    public virtual bool PipesAreOr => false;

    /// <summary><c>&amp;&amp;</c> means logical AND (MySQL). Default: false (PostgreSQL: array overlap).</summary>
    public virtual bool AmpersandsAreAnd => false;

    /// <summary>Prefix <c>!</c> means NOT (MySQL). Default: false.</summary>
    public virtual bool BangIsNot => false;

    /// <summary><c>&lt;=&gt;</c> null-safe equality (MySQL). Default: false.</summary>
    public virtual bool NullSafeEquals => false;

    /// <summary><c>==</c> equality (SQLite). Default: false.</summary>
    public virtual bool DoubleEquals => false;

    /// <summary><c>DIV</c>, <c>MOD</c> and <c>XOR</c> as operators (MySQL). Default: false.</summary>
    public virtual bool WordOperators => false;

    /// <summary><c>:=</c> assignment (MySQL user variables; PostgreSQL named arguments). Default: false.</summary>
    public virtual bool ColonEquals => false;

    /// <summary><c>^</c> is exponentiation (PostgreSQL) rather than bitwise XOR. Default: false.</summary>
    public virtual bool CaretIsPower => false;

    /// <summary><c>#</c> is bitwise XOR (PostgreSQL). Default: false.</summary>
    public virtual bool HashIsXor => false;

    /// <summary>JSON arrows <c>-&gt;</c> and <c>-&gt;&gt;</c>. Default: false.</summary>
    public virtual bool JsonArrows => false;

    /// <summary>PostgreSQL's JSON and containment operators: <c>#&gt;</c>, <c>#&gt;&gt;</c>, <c>@&gt;</c>, <c>&lt;@</c>, <c>?</c>, <c>?|</c>, <c>?&amp;</c>, <c>@@</c>. Default: false.</summary>
    public virtual bool PostgresOperators => false;

    /// <summary>POSIX regex operators <c>~</c>, <c>~*</c>, <c>!~</c>, <c>!~*</c> (PostgreSQL). Default: false.</summary>
    public virtual bool TildeRegex => false;

    /// <summary>Pattern operators beyond LIKE. Default: LIKE only.</summary>
    public virtual PatternOperators PatternOperators => PatternOperators.Like;

    /// <summary><c>a IS b</c> / <c>a IS NOT b</c> compare any two values, null-safely (SQLite). Default: false.</summary>
    public virtual bool IsComparesValues => false;

    /// <summary>Postfix <c>ISNULL</c> / <c>NOTNULL</c>. Default: false.</summary>
    public virtual bool PostfixNullTests => false;

    // ---- Query syntax --------------------------------------------------------------------------------------

    /// <summary><c>ARRAY[...]</c>, <c>ARRAY(subquery)</c> and subscripts <c>a[1]</c>, <c>a[1:2]</c> (PostgreSQL). Default: false.</summary>
    public virtual bool Arrays => false;

    /// <summary><c>SELECT DISTINCT ON (...)</c> (PostgreSQL). Default: false.</summary>
    public virtual bool DistinctOn => false;

    /// <summary><c>typename 'literal'</c> for any type name (PostgreSQL). Default: false (only DATE/TIME/TIMESTAMP/INTERVAL).</summary>
    public virtual bool TypedStringLiterals => false;

    /// <summary><c>LIMIT offset, count</c> (MySQL, SQLite). Default: false.</summary>
    public virtual bool LimitCommaOffset => false;

    /// <summary><c>FETCH FIRST n ROWS ONLY</c> (PostgreSQL). Default: false.</summary>
    public virtual bool FetchFirst => false;

    /// <summary>Row-locking clauses <c>FOR UPDATE</c>/<c>FOR SHARE</c>/... Default: false.</summary>
    public virtual bool LockingClauses => false;

    /// <summary>MySQL's <c>STRAIGHT_JOIN</c>, index hints and <c>SELECT</c> modifiers (<c>SQL_NO_CACHE</c>, ...). Default: false.</summary>
    public virtual bool MySqlSelectExtensions => false;

    /// <summary><c>INTERVAL '1 day'</c> / <c>INTERVAL 1 DAY</c> literals. Default: true (SQLite has none: <c>interval</c> is a plain name there).</summary>
    public virtual bool IntervalLiterals => true;

    /// <summary><c>x IN tablename</c> (SQLite). Default: false.</summary>
    public virtual bool InTableName => false;

    /// <summary>Every join other than CROSS/NATURAL needs ON or USING (PostgreSQL). Default: false (MySQL and SQLite allow a bare JOIN).</summary>
    public virtual bool JoinConditionRequired => false;

    /// <summary><c>ONLY t</c> and <c>t *</c> for table inheritance (PostgreSQL). Default: false.</summary>
    public virtual bool TableInheritanceSyntax => false;

    /// <summary><c>EXPLAIN (ANALYZE, FORMAT JSON) ...</c>: a parenthesised option list (PostgreSQL). Default: false.</summary>
    public virtual bool ExplainOptionList => false;

    /// <summary>The schema an unqualified table name usually resolves to (<c>public</c>, <c>main</c>); null when it depends on the session.</summary>
    public virtual string? DefaultSchema => null;

    /// <summary>How the row cap is written. All three dialects here use <c>LIMIT n</c>.</summary>
    public virtual string RowLimitKeyword => "LIMIT";

    // ---- Keywords ------------------------------------------------------------------------------------------

    /// <summary>Keywords reserved in every dialect: they end an expression or a table reference, so they can never be a bare alias.</summary>
    protected static readonly Keyword[] CommonReserved =
    [
        Keyword.ALL, Keyword.AND, Keyword.ANY, Keyword.AS, Keyword.ASC, Keyword.BETWEEN, Keyword.BY, Keyword.CASE,
        Keyword.CAST, Keyword.CHECK, Keyword.COLLATE, Keyword.CREATE, Keyword.CROSS, Keyword.CURRENT_DATE,
        Keyword.CURRENT_TIME, Keyword.CURRENT_TIMESTAMP, Keyword.DEFAULT, Keyword.DELETE, Keyword.DESC,
        Keyword.DISTINCT, Keyword.DROP, Keyword.ELSE, Keyword.END, Keyword.ESCAPE, Keyword.EXCEPT, Keyword.EXISTS,
        Keyword.FALSE, Keyword.FETCH, Keyword.FOR, Keyword.FROM, Keyword.FULL, Keyword.GROUP, Keyword.HAVING,
        Keyword.IN, Keyword.INNER, Keyword.INSERT, Keyword.INTERSECT, Keyword.INTO, Keyword.IS, Keyword.JOIN,
        Keyword.LEFT, Keyword.LIKE, Keyword.LIMIT, Keyword.NATURAL, Keyword.NOT, Keyword.NULL, Keyword.OFFSET,
        Keyword.ON, Keyword.OR, Keyword.ORDER, Keyword.OUTER, Keyword.RIGHT, Keyword.SELECT, Keyword.SET,
        Keyword.SOME, Keyword.TABLE, Keyword.THEN, Keyword.TO, Keyword.TRUE, Keyword.UNION, Keyword.UNIQUE,
        Keyword.UPDATE, Keyword.USING, Keyword.VALUES, Keyword.WHEN, Keyword.WHERE, Keyword.WINDOW, Keyword.WITH,
        Keyword.RETURNING, Keyword.LATERAL,
    ];

    private bool[]? _reserved;

    /// <summary>Keywords this dialect reserves on top of <see cref="CommonReserved"/>.</summary>
    protected virtual IEnumerable<Keyword> ExtraReserved => [];

    /// <summary>True when <paramref name="keyword"/> cannot be used as a bare identifier or alias in this dialect.</summary>
    public bool IsReserved(Keyword keyword)
    {
        var table = _reserved ??= BuildReserved();
        return (int)keyword < table.Length && table[(int)keyword];
    }

    private bool[] BuildReserved()
    {
        var max = 0;
        foreach (var value in Enum.GetValues<Keyword>())
        {
            max = Math.Max(max, (int)value);
        }

        var table = new bool[max + 1];
        foreach (var keyword in CommonReserved)
        {
            table[(int)keyword] = true;
        }

        foreach (var keyword in ExtraReserved)
        {
            table[(int)keyword] = true;
        }

        return table;
    }
}
