using System.Runtime.CompilerServices;
using Gateway.Sql.Ast;
using Gateway.Sql.Dialects;
using Gateway.Sql.Lexing;

namespace Gateway.Sql.Parsing;

/// <summary>
/// The one recursive-descent parser for PostgreSQL, MySQL and SQLite. It reads the dialect's table of differences,
/// never backtracks (each token is consumed once, with bounded look-ahead), and fails closed: anything it cannot
/// parse is an error with a position. Nesting is capped at <see cref="MaxDepth"/> levels.
/// </summary>
internal sealed partial class SqlParser
{
    /// <summary>The deepest nesting of parentheses, subqueries and prefix operators accepted.</summary>
    public const int MaxDepth = 200;

    private readonly string _sql;
    private readonly SqlDialect _d;
    private readonly Token[] _tokens;
    private readonly int _count;
    private int _p;
    private int _depth;

    private SqlParser(string sql, SqlDialect dialect, LexResult lex)
    {
        _sql = sql;
        _d = dialect;
        _tokens = lex.Tokens;
        _count = lex.Count;
    }

    /// <summary>Lexes and parses <paramref name="sql"/>; never throws for bad input.</summary>
    public static ParseResult Parse(string sql, SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentNullException.ThrowIfNull(dialect);
        var lex = SqlLexer.Tokenize(sql, dialect);
        if (lex.Error is not null)
        {
            return new ParseResult(sql, dialect, lex, [], lex.Error);
        }

        var parser = new SqlParser(sql, dialect, lex);
        try
        {
            return new ParseResult(sql, dialect, lex, parser.ParseStatements(), null);
        }
        catch (ParseException e)
        {
            return new ParseResult(sql, dialect, lex, [], new SqlSyntaxError(e.Position, e.Message));
        }
        catch (InsufficientExecutionStackException)
        {
            return new ParseResult(sql, dialect, lex, [], new SqlSyntaxError(parser.Current.Start, "The statement is nested too deeply."));
        }
    }

    // ---- Token access ---------------------------------------------------------------------------------------

    private ref readonly Token Current => ref _tokens[_p];

    private ref readonly Token PeekToken(int ahead) => ref _tokens[Math.Min(_p + ahead, _count - 1)];

    private bool At(TokenKind kind) => _tokens[_p].Kind == kind;

    private bool AtKeyword(Keyword keyword) => _tokens[_p].Keyword == keyword && _tokens[_p].Kind == TokenKind.Word;

    private bool PeekKeyword(int ahead, Keyword keyword)
    {
        ref readonly var token = ref PeekToken(ahead);
        return token.Keyword == keyword && token.Kind == TokenKind.Word;
    }

    private bool PeekKind(int ahead, TokenKind kind) => PeekToken(ahead).Kind == kind;

    private bool Accept(TokenKind kind)
    {
        if (_tokens[_p].Kind != kind)
        {
            return false;
        }

        _p++;
        return true;
    }

    private bool AcceptKeyword(Keyword keyword)
    {
        if (!AtKeyword(keyword))
        {
            return false;
        }

        _p++;
        return true;
    }

    private bool AcceptKeywords(Keyword first, Keyword second)
    {
        if (!AtKeyword(first) || !PeekKeyword(1, second))
        {
            return false;
        }

        _p += 2;
        return true;
    }

    private void Expect(TokenKind kind, string what)
    {
        if (!Accept(kind))
        {
            throw Unexpected(what);
        }
    }

    private void ExpectKeyword(Keyword keyword)
    {
        if (!AcceptKeyword(keyword))
        {
            throw Unexpected(keyword.ToString());
        }
    }

    /// <summary>True when the current token is a word spelled <paramref name="word"/> (for rare words that are not keywords).</summary>
    private bool AtWord(string word) =>
        At(TokenKind.Word) && Current.Span(_sql).Equals(word, StringComparison.OrdinalIgnoreCase);

    // ---- Spans, errors, depth -------------------------------------------------------------------------------

    private TextSpan SpanFrom(int startToken) => TextSpan.FromBounds(_tokens[startToken].Start, _tokens[Math.Max(startToken, _p - 1)].End);

    private static TextSpan Cover(SqlNode first, SqlNode last) => TextSpan.FromBounds(first.Span.Start, last.Span.End);

    private TextSpan SpanFromNode(SqlNode first) => TextSpan.FromBounds(first.Span.Start, Math.Max(first.Span.End, _tokens[_p - 1].End));

    private ParseException Error(string message) => new(Current.Start, message);

    private ParseException Unexpected(string expected)
    {
        var found = At(TokenKind.EndOfInput) ? "the end of the input" : $"'{Describe(Current)}'";
        return new ParseException(Current.Start, $"Expected {expected} but found {found}.");
    }

    private string Describe(in Token token) =>
        token.Length <= 40 ? token.Text(_sql) : string.Concat(_sql.AsSpan(token.Start, 37), "...");

    private void Enter()
    {
        if (++_depth > MaxDepth)
        {
            throw Error($"The statement is nested more than {MaxDepth} levels deep.");
        }

        RuntimeHelpers.EnsureSufficientExecutionStack();
    }

    private void Leave() => _depth--;

    private sealed class ParseException(int position, string message) : Exception(message)
    {
        public int Position { get; } = position;
    }
}
