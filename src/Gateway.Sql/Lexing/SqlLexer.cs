using Gateway.Sql.Dialects;

namespace Gateway.Sql.Lexing;

/// <summary>
/// The one lexer for every dialect: it reads the dialect's table of differences and turns text into tokens that
/// point back into the text. No regular expressions; each character is looked at a bounded number of times.
/// Unterminated strings, quoted names and comments are errors with the position where they start.
/// </summary>
internal sealed partial class SqlLexer
{
    private readonly string _text;
    private readonly SqlDialect _d;
    private int _pos;
    private int _end;
    private bool _inExecutable;
    private Token[] _tokens;
    private int _count;
    private List<CommentRegion>? _regions;

    private SqlLexer(string text, SqlDialect dialect)
    {
        _text = text;
        _d = dialect;
        _end = text.Length;
        _tokens = new Token[Math.Max(16, text.Length / 4)];
    }

    /// <summary>Lexes <paramref name="text"/> in <paramref name="dialect"/>; never throws for bad input.</summary>
    public static LexResult Tokenize(string text, SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(dialect);
        var lexer = new SqlLexer(text, dialect);
        SqlSyntaxError? error = null;
        try
        {
            lexer.Run();
        }
        catch (LexException e)
        {
            error = new SqlSyntaxError(e.Position, e.Message);
            lexer.Add(TokenKind.EndOfInput, text.Length, 0);
        }

        return new LexResult(lexer._tokens, lexer._count, error, (IReadOnlyList<CommentRegion>?)lexer._regions ?? []);
    }

    private void Run()
    {
        while (true)
        {
            SkipTrivia();
            if (_pos >= _end)
            {
                if (_inExecutable)
                {
                    _pos = _end + 2;
                    _end = _text.Length;
                    _inExecutable = false;
                    continue;
                }

                break;
            }

            LexToken();
        }

        Add(TokenKind.EndOfInput, _text.Length, 0);
    }

    private void Add(TokenKind kind, int start, int length, Keyword keyword = Keyword.None)
    {
        if (_count == _tokens.Length)
        {
            Array.Resize(ref _tokens, _tokens.Length * 2);
        }

        _tokens[_count++] = new Token(kind, start, length, keyword, _inExecutable ? TokenFlags.InExecutableComment : TokenFlags.None);
    }

    private char At(int index) => index < _end ? _text[index] : '\0';

    private void SkipTrivia()
    {
        while (_pos < _end)
        {
            var c = _text[_pos];
            if (CharClass.IsWhitespace(c))
            {
                _pos++;
            }
            else if (c == '-' && At(_pos + 1) == '-' && (!_d.DashCommentNeedsSpace || DashCommentFollows(_pos + 2)))
            {
                SkipLineComment();
            }
            else if (c == '#' && _d.HashComments)
            {
                SkipLineComment();
            }
            else if (c == '/' && At(_pos + 1) == '*')
            {
                if (_d.ExecutableComments && (At(_pos + 2) == '!' || (At(_pos + 2) == 'M' && At(_pos + 3) == '!')))
                {
                    EnterExecutableComment();
                }
                else
                {
                    SkipBlockComment();
                }
            }
            else
            {
                return;
            }
        }
    }

    private bool DashCommentFollows(int index) =>
        index >= _end || CharClass.IsWhitespace(_text[index]) || char.IsControl(_text[index]);

    private void SkipLineComment()
    {
        if (_inExecutable)
        {
            throw new LexException(_pos, "A line comment inside an executable comment (/*! ... */) is ambiguous.");
        }

        var newline = _text.AsSpan(_pos, _end - _pos).IndexOf('\n');
        _pos = newline < 0 ? _end : _pos + newline + 1;
    }

    private void SkipBlockComment()
    {
        var start = _pos;
        var depth = 1;
        _pos += 2;
        while (_pos < _end)
        {
            var c = _text[_pos];
            if (c == '*' && At(_pos + 1) == '/')
            {
                _pos += 2;
                if (--depth == 0)
                {
                    return;
                }
            }
            else if (c == '/' && At(_pos + 1) == '*' && _d.NestedBlockComments)
            {
                _pos += 2;
                depth++;
            }
            else
            {
                _pos++;
            }
        }

        throw new LexException(start, "Unterminated block comment.");
    }

    private void EnterExecutableComment()
    {
        var start = _pos;
        if (_inExecutable)
        {
            throw new LexException(start, "Executable comments cannot nest.");
        }

        var close = _text.AsSpan(_pos + 3).IndexOf("*/", StringComparison.Ordinal);
        if (close < 0)
        {
            throw new LexException(start, "Unterminated executable comment.");
        }

        var end = _pos + 3 + close;
        var mariaDb = _text[_pos + 2] == 'M';
        _pos += mariaDb ? 4 : 3;
        var digits = 0;
        while (_pos + digits < end && CharClass.IsDigit(_text[_pos + digits]))
        {
            digits++;
        }

        if (digits == 5 || (mariaDb && digits == 6))
        {
            _pos += digits;
        }
        else if (digits > 5)
        {
            throw new LexException(start, "The version number of this executable comment is ambiguous.");
        }

        (_regions ??= []).Add(new CommentRegion(start, end + 2));
        _inExecutable = true;
        _end = end;
    }
}
