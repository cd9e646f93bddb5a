using Gateway.Sql.Lexing;
using static Gateway.Sql.Tests.Lexing.LexerTestKit;

namespace Gateway.Sql.Tests.Lexing;

public sealed class LexerTests
{
    [Theory]
    [InlineData("postgres", "'it''s'", nameof(TokenKind.String))]
    [InlineData("postgres", "E'it\\'s \\n'", nameof(TokenKind.EscapeString))]
    [InlineData("postgres", "e'a\\\\'", nameof(TokenKind.EscapeString))]
    [InlineData("postgres", "U&'d\\0061t\\+000061'", nameof(TokenKind.UnicodeString))]
    [InlineData("postgres", "B'0101'", nameof(TokenKind.BitString))]
    [InlineData("postgres", "X'1F'", nameof(TokenKind.HexString))]
    [InlineData("postgres", "N'text'", nameof(TokenKind.NationalString))]
    [InlineData("postgres", "$$it's; -- not a comment$$", nameof(TokenKind.DollarString))]
    [InlineData("postgres", "$fn$ SELECT $$inner$$ $fn$", nameof(TokenKind.DollarString))]
    [InlineData("postgres", "\"Odd \"\"Name\"\"\"", nameof(TokenKind.QuotedIdentifier))]
    [InlineData("postgres", "U&\"d\\0061t\"", nameof(TokenKind.QuotedIdentifier))]
    [InlineData("postgres", "$1", nameof(TokenKind.Parameter))]
    [InlineData("postgres", "0x1F", nameof(TokenKind.HexNumber))]
    [InlineData("postgres", "1_000_000", nameof(TokenKind.Number))]
    [InlineData("mysql", "`odd``name`", nameof(TokenKind.QuotedIdentifier))]
    [InlineData("mysql", "'it\\'s'", nameof(TokenKind.String))]
    [InlineData("mysql", "\"double \\\" quoted\"", nameof(TokenKind.String))]
    [InlineData("mysql", "N'text'", nameof(TokenKind.NationalString))]
    [InlineData("mysql", "X'4D'", nameof(TokenKind.HexString))]
    [InlineData("mysql", "x'4d'", nameof(TokenKind.HexString))]
    [InlineData("mysql", "b'101'", nameof(TokenKind.BitString))]
    [InlineData("mysql", "0x4D", nameof(TokenKind.HexNumber))]
    [InlineData("mysql", "_utf8mb4'text'", nameof(TokenKind.IntroducedString))]
    [InlineData("mysql", "@total", nameof(TokenKind.UserVariable))]
    [InlineData("mysql", "@`odd name`", nameof(TokenKind.UserVariable))]
    [InlineData("mysql", "@@session.sql_mode", nameof(TokenKind.SystemVariable))]
    [InlineData("mysql", "?", nameof(TokenKind.Parameter))]
    [InlineData("sqlite", "\"name\"", nameof(TokenKind.QuotedIdentifier))]
    [InlineData("sqlite", "[odd name]", nameof(TokenKind.QuotedIdentifier))]
    [InlineData("sqlite", "`name`", nameof(TokenKind.QuotedIdentifier))]
    [InlineData("sqlite", "X'00FF'", nameof(TokenKind.HexString))]
    [InlineData("sqlite", "?", nameof(TokenKind.Parameter))]
    [InlineData("sqlite", "?12", nameof(TokenKind.Parameter))]
    [InlineData("sqlite", ":name", nameof(TokenKind.Parameter))]
    [InlineData("sqlite", "@name", nameof(TokenKind.Parameter))]
    [InlineData("sqlite", "$name", nameof(TokenKind.Parameter))]
    [InlineData("sqlite", "1.5e-3", nameof(TokenKind.Number))]
    [InlineData("sqlite", ".5", nameof(TokenKind.Number))]
    public void Lexes_each_quoting_style_as_one_token(string dialect, string sql, string kind)
    {
        var tokens = Lex(dialect, sql);

        var token = Assert.Single(tokens);
        Assert.Equal(Enum.Parse<TokenKind>(kind), token.Kind);
        Assert.Equal(sql, token.Text);
    }

    [Theory]
    [InlineData("postgres", "SELECT 'DROP TABLE t; --' AS x", 4)]
    [InlineData("postgres", "SELECT \"delete\" FROM \"from\"", 4)]
    [InlineData("postgres", "SELECT 1 /* DELETE FROM t; */", 2)]
    [InlineData("postgres", "SELECT 1 /* outer /* nested; DROP */ still comment */ + 2", 4)]
    [InlineData("postgres", "SELECT 1 -- ; DELETE FROM t\n", 2)]
    [InlineData("mysql", "SELECT 1 # ; DELETE FROM t\n", 2)]
    [InlineData("mysql", "SELECT `select` FROM `from`", 4)]
    [InlineData("mysql", "SELECT 'a\\'; DELETE FROM t; --'", 2)]
    [InlineData("sqlite", "SELECT [delete] FROM [from]", 4)]
    [InlineData("sqlite", "SELECT 1 /* ; DROP TABLE t */", 2)]
    public void Keywords_inside_strings_identifiers_and_comments_are_not_code(string dialect, string sql, int count)
    {
        var tokens = Lex(dialect, sql);

        Assert.Equal(count, tokens.Count);
        Assert.DoesNotContain(tokens, t => t.Kind == TokenKind.Semicolon);
    }

    [Fact]
    public void Postgres_nested_comment_does_not_end_at_the_first_close()
    {
        var tokens = Lex("postgres", "/* a /* b */ SELECT */ 1");

        Assert.Equal([(TokenKind.Number, "1")], tokens);
    }

    [Fact]
    public void Sqlite_block_comments_do_not_nest()
    {
        var tokens = Lex("sqlite", "/* a /* b */ 1");

        Assert.Equal([(TokenKind.Number, "1")], tokens);
    }

    [Theory]
    [InlineData("SELECT 1 /*! , SLEEP(5) */")]
    [InlineData("SELECT 1 /*!50000 , SLEEP(5) */")]
    [InlineData("SELECT 1 /*M!100100 , SLEEP(5) */")]
    public void Mysql_executable_comments_are_lexed_as_code(string sql)
    {
        var tokens = Lex("mysql", sql);

        Assert.Contains((TokenKind.Word, "SLEEP"), tokens);
        Assert.Equal(7, tokens.Count);
    }

    [Fact]
    public void Mysql_executable_comment_tokens_are_flagged()
    {
        var result = SqlLexer.Tokenize("SELECT /*! 1 */", LexerTestKit.Dialect("mysql"));

        Assert.True((result.Tokens[1].Flags & TokenFlags.InExecutableComment) != 0);
        Assert.Equal(new CommentRegion(7, 15), Assert.Single(result.ExecutableComments));
    }

    [Fact]
    public void Mysql_optimizer_hint_is_an_ordinary_comment()
    {
        var tokens = Lex("mysql", "SELECT /*+ BKA(t) */ 1");

        Assert.Equal(2, tokens.Count);
    }

    [Theory]
    [InlineData("SELECT 1--1", 5)]
    [InlineData("SELECT 1 -- comment", 2)]
    [InlineData("SELECT 1 --\tcomment", 2)]
    [InlineData("SELECT 1 --", 2)]
    public void Mysql_dash_comment_needs_whitespace(string sql, int count)
    {
        Assert.Equal(count, Lex("mysql", sql).Count);
    }

    [Fact]
    public void Postgres_dash_comment_needs_no_whitespace()
    {
        Assert.Equal(2, Lex("postgres", "SELECT 1--1").Count);
    }

    [Theory]
    [InlineData("postgres", "SELECT 'abc", 7)]
    [InlineData("postgres", "SELECT E'abc\\'", 7)]
    [InlineData("postgres", "SELECT \"abc", 7)]
    [InlineData("postgres", "SELECT $$abc$", 7)]
    [InlineData("postgres", "SELECT $a$abc$b$", 7)]
    [InlineData("postgres", "SELECT 1 /* /* */", 9)]
    [InlineData("mysql", "SELECT 'abc\\'", 7)]
    [InlineData("mysql", "SELECT `abc", 7)]
    [InlineData("mysql", "SELECT 1 /*! 2", 9)]
    [InlineData("mysql", "SELECT 1 /* 2", 9)]
    [InlineData("sqlite", "SELECT [abc", 7)]
    [InlineData("sqlite", "SELECT X'ab", 7)]
    public void Unterminated_quotes_and_comments_are_errors_at_their_start(string dialect, string sql, int position)
    {
        var error = LexError(dialect, sql);

        Assert.Equal(position, error.Position);
        Assert.Contains("Unterminated", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mysql", "SELECT /*! 'a */ ; DROP TABLE t; -- ' */")]
    [InlineData("mysql", "SELECT /*! 1 -- x */")]
    [InlineData("mysql", "SELECT /*! 1 /*! 2 */ */")]
    [InlineData("postgres", "SELECT 2fa_secret FROM t")]
    [InlineData("sqlite", "SELECT 2fa_secret FROM t")]
    [InlineData("postgres", "SELECT `x`")]
    [InlineData("sqlite", "SELECT @@version")]
    [InlineData("sqlite", "SELECT 1 # comment")]
    public void Ambiguous_or_foreign_syntax_fails_closed(string dialect, string sql)
    {
        LexError(dialect, sql);
    }

    [Fact]
    public void Mysql_reads_digit_leading_names_as_one_word()
    {
        Assert.Equal([(TokenKind.Word, "SELECT"), (TokenKind.Word, "2fa_secret")], Lex("mysql", "SELECT 2fa_secret"));
    }

    [Theory]
    [InlineData("postgres", "a::int", nameof(TokenKind.DoubleColon))]
    [InlineData("postgres", "a->>'k'", nameof(TokenKind.LongArrow))]
    [InlineData("postgres", "a#>'{k}'", nameof(TokenKind.HashArrow))]
    [InlineData("postgres", "a#>>'{k}'", nameof(TokenKind.HashLongArrow))]
    [InlineData("postgres", "a@>b", nameof(TokenKind.AtGreater))]
    [InlineData("postgres", "a<@b", nameof(TokenKind.LessAt))]
    [InlineData("postgres", "a?'k'", nameof(TokenKind.Question))]
    [InlineData("postgres", "a?|b", nameof(TokenKind.QuestionPipe))]
    [InlineData("postgres", "a!~*b", nameof(TokenKind.NotTildeStar))]
    [InlineData("postgres", "a~*b", nameof(TokenKind.TildeStar))]
    [InlineData("mysql", "a<=>b", nameof(TokenKind.NullSafeEquals))]
    [InlineData("mysql", "@a:=1", nameof(TokenKind.ColonEquals))]
    [InlineData("mysql", "a->'$.k'", nameof(TokenKind.Arrow))]
    [InlineData("mysql", "a||b", nameof(TokenKind.Concat))]
    [InlineData("sqlite", "a==b", nameof(TokenKind.DoubleEquals))]
    [InlineData("sqlite", "a->>'$.k'", nameof(TokenKind.LongArrow))]
    public void Lexes_dialect_operators(string dialect, string sql, string kind)
    {
        Assert.Equal(Enum.Parse<TokenKind>(kind), Lex(dialect, sql)[1].Kind);
    }

    [Fact]
    public void Tokens_point_into_the_original_text()
    {
        const string sql = "SELECT  \"a\"\n FROM t";
        var result = SqlLexer.Tokenize(sql, LexerTestKit.Dialect("postgres"));

        Assert.Equal(new Token(TokenKind.QuotedIdentifier, 8, 3), result.Tokens[1]);
        Assert.Equal(Keyword.FROM, result.Tokens[2].Keyword);
        Assert.Equal(13, result.Tokens[2].Start);
        Assert.Equal(TokenKind.EndOfInput, result.Tokens[result.Count - 1].Kind);
    }

    [Theory]
    [InlineData("select", nameof(Keyword.SELECT))]
    [InlineData("SeLeCt", nameof(Keyword.SELECT))]
    [InlineData("straight_join", nameof(Keyword.STRAIGHT_JOIN))]
    [InlineData("selected", nameof(Keyword.None))]
    public void Keywords_are_matched_case_insensitively(string word, string keyword)
    {
        Assert.Equal(Enum.Parse<Keyword>(keyword), Keywords.Lookup(word));
    }
}
