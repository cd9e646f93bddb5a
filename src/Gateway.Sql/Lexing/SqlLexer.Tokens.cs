using Gateway.Sql.Dialects;

namespace Gateway.Sql.Lexing;

internal sealed partial class SqlLexer
{
    private void LexToken()
    {
        var start = _pos;
        var c = _text[_pos];
        if (CharClass.IsIdentifierStart(c))
        {
            LexWord(start);
            return;
        }

        if (CharClass.IsDigit(c) || (c == '.' && CharClass.IsDigit(At(_pos + 1))))
        {
            LexNumber(start);
            return;
        }

        switch (c)
        {
            case '\'':
                _pos = ScanQuoted(start, '\'', _d.BackslashEscapes, "string literal");
                Add(TokenKind.String, start, _pos - start);
                return;
            case '"':
                if (_d.DoubleQuotedStrings)
                {
                    _pos = ScanQuoted(start, '"', _d.BackslashEscapes, "string literal");
                    Add(TokenKind.String, start, _pos - start);
                }
                else
                {
                    QuotedIdentifier(start, IdentifierQuoteStyles.DoubleQuote, '"');
                }

                return;
            case '`':
                QuotedIdentifier(start, IdentifierQuoteStyles.Backtick, '`');
                return;
            case '[':
                if ((_d.IdentifierQuotes & IdentifierQuoteStyles.Bracket) != 0)
                {
                    var close = _text.AsSpan(_pos + 1, _end - _pos - 1).IndexOf(']');
                    if (close < 0)
                    {
                        throw new LexException(start, "Unterminated quoted identifier.");
                    }

                    _pos += close + 2;
                    Add(TokenKind.QuotedIdentifier, start, _pos - start);
                }
                else
                {
                    Single(TokenKind.LeftBracket);
                }

                return;
            case ']': Single(TokenKind.RightBracket); return;
            case '(': Single(TokenKind.LeftParen); return;
            case ')': Single(TokenKind.RightParen); return;
            case ',': Single(TokenKind.Comma); return;
            case ';': Single(TokenKind.Semicolon); return;
            case '.': Single(TokenKind.Dot); return;
            case '+': Single(TokenKind.Plus); return;
            case '*': Single(TokenKind.Star); return;
            case '/': Single(TokenKind.Slash); return;
            case '%': Single(TokenKind.Percent); return;
            case '^': Single(TokenKind.Caret); return;
            case '$': LexDollar(start); return;
            case '?': LexQuestion(start); return;
            case ':': LexColon(start); return;
            case '@': LexAt(start); return;
            case '#': LexHash(start); return;
            case '-':
                if (_d.JsonArrows && At(_pos + 1) == '>')
                {
                    Operator(At(_pos + 2) == '>' ? TokenKind.LongArrow : TokenKind.Arrow, At(_pos + 2) == '>' ? 3 : 2);
                }
                else
                {
                    Single(TokenKind.Minus);
                }

                return;
            case '<': LexLess(); return;
            case '>':
                if (At(_pos + 1) == '=') Operator(TokenKind.GreaterOrEqual, 2);
                else if (At(_pos + 1) == '>') Operator(TokenKind.ShiftRight, 2);
                else Single(TokenKind.GreaterThan);
                return;
            case '=':
                if (At(_pos + 1) == '=' && _d.DoubleEquals) Operator(TokenKind.DoubleEquals, 2);
                else if (At(_pos + 1) == '>' && _d.PostgresOperators) Operator(TokenKind.FatArrow, 2);
                else Single(TokenKind.Equals);
                return;
            case '!': LexBang(start); return;
            case '|':
                if (At(_pos + 1) == '|') Operator(TokenKind.Concat, 2);
                else Single(TokenKind.Pipe);
                return;
            case '&':
                if (At(_pos + 1) == '&') Operator(TokenKind.DoubleAmpersand, 2);
                else Single(TokenKind.Ampersand);
                return;
            case '~':
                if (At(_pos + 1) == '*' && _d.TildeRegex) Operator(TokenKind.TildeStar, 2);
                else Single(TokenKind.Tilde);
                return;
            default:
                throw new LexException(start, $"Unexpected character '{Printable(c)}'.");
        }
    }

    private static string Printable(char c) => char.IsControl(c) ? $"U+{(int)c:X4}" : c.ToString();

    private void Single(TokenKind kind) => Operator(kind, 1);

    private void Operator(TokenKind kind, int length)
    {
        Add(kind, _pos, length);
        _pos += length;
    }

    private void QuotedIdentifier(int start, IdentifierQuoteStyles style, char quote)
    {
        if ((_d.IdentifierQuotes & style) == 0)
        {
            throw new LexException(start, $"'{quote}' does not quote identifiers in this dialect.");
        }

        _pos = ScanQuoted(start, quote, backslash: false, "quoted identifier");
        Add(TokenKind.QuotedIdentifier, start, _pos - start);
    }

    /// <summary>Scans a quoted run that opens at <paramref name="open"/>; a doubled quote is an escaped quote. Returns the index after the closing quote.</summary>
    private int ScanQuoted(int open, char quote, bool backslash, string what, int errorAt = -1)
    {
        var i = open + 1;
        while (i < _end)
        {
            var c = _text[i];
            if (c == quote)
            {
                if (i + 1 < _end && _text[i + 1] == quote)
                {
                    i += 2;
                    continue;
                }

                return i + 1;
            }

            i += c == '\\' && backslash ? 2 : 1;
        }

        throw new LexException(errorAt < 0 ? open : errorAt, $"Unterminated {what}.");
    }

    private void LexWord(int start)
    {
        var i = _pos + 1;
        while (i < _end && CharClass.IsIdentifierPart(_text[i]))
        {
            i++;
        }

        var length = i - start;
        var next = At(i);
        if (next == '\'' || (next == '"' && _d.DoubleQuotedStrings) || (next == '&' && length == 1))
        {
            if (TryPrefixedString(start, length, next))
            {
                return;
            }
        }

        _pos = i;
        Add(TokenKind.Word, start, length, Keywords.Lookup(_text.AsSpan(start, length)));
    }

    private bool TryPrefixedString(int start, int length, char next)
    {
        var prefix = char.ToUpperInvariant(_text[start]);
        var quoteAt = start + length;
        TokenKind kind;
        var backslash = false;
        if (length == 1 && next == '\'' && prefix == 'E' && _d.EscapeStrings)
        {
            (kind, backslash) = (TokenKind.EscapeString, true);
        }
        else if (length == 1 && next == '\'' && prefix == 'B' && _d.BitStrings)
        {
            kind = TokenKind.BitString;
        }
        else if (length == 1 && next == '\'' && prefix == 'X' && _d.HexStrings)
        {
            kind = TokenKind.HexString;
        }
        else if (length == 1 && next == '\'' && prefix == 'N' && _d.NationalStrings)
        {
            (kind, backslash) = (TokenKind.NationalString, _d.BackslashEscapes);
        }
        else if (length == 1 && next == '&' && prefix == 'U' && _d.UnicodeStrings && (At(quoteAt + 1) == '\'' || At(quoteAt + 1) == '"'))
        {
            quoteAt++;
            kind = _text[quoteAt] == '"' ? TokenKind.QuotedIdentifier : TokenKind.UnicodeString;
        }
        else if (_text[start] == '_' && length > 1 && _d.CharsetIntroducers && next != '&')
        {
            (kind, backslash) = (TokenKind.IntroducedString, _d.BackslashEscapes);
        }
        else
        {
            return false;
        }

        _pos = ScanQuoted(quoteAt, _text[quoteAt], backslash, kind == TokenKind.QuotedIdentifier ? "quoted identifier" : "string literal", start);
        Add(kind, start, _pos - start);
        return true;
    }

    private void LexNumber(int start)
    {
        var i = _pos;
        if (_text[i] == '0' && _d.HexNumbers && (At(i + 1) is 'x' or 'X' or 'b' or 'B' or 'o' or 'O'))
        {
            var j = i + 2;
            while (j < _end && (CharClass.IsHexDigit(_text[j]) || (_text[j] == '_' && _d.NumericUnderscores)))
            {
                j++;
            }

            if (j > i + 2 && !(j < _end && CharClass.IsIdentifierPart(_text[j])))
            {
                _pos = j;
                Add(TokenKind.HexNumber, start, j - start);
                return;
            }
        }

        var hasDot = false;
        i = ScanDigits(i);
        if (At(i) == '.' && At(i + 1) != '.')
        {
            hasDot = true;
            i = ScanDigits(i + 1);
        }

        if (At(i) is 'e' or 'E')
        {
            var j = i + 1;
            if (At(j) is '+' or '-')
            {
                j++;
            }

            if (CharClass.IsDigit(At(j)))
            {
                i = ScanDigits(j);
            }
        }

        if (i < _end && CharClass.IsIdentifierStart(_text[i]))
        {
            if (!_d.DigitLeadingIdentifiers || hasDot)
            {
                throw new LexException(start, "Trailing junk after a numeric literal.");
            }

            while (i < _end && CharClass.IsIdentifierPart(_text[i]))
            {
                i++;
            }

            _pos = i;
            Add(TokenKind.Word, start, i - start);
            return;
        }

        _pos = i;
        Add(TokenKind.Number, start, i - start);
    }

    private int ScanDigits(int i)
    {
        while (i < _end && (CharClass.IsDigit(_text[i]) || (_text[i] == '_' && _d.NumericUnderscores && CharClass.IsDigit(At(i + 1)) && i > 0 && CharClass.IsDigit(_text[i - 1]))))
        {
            i++;
        }

        return i;
    }
}
