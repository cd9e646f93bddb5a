using Gateway.Sql.Dialects;

namespace Gateway.Sql.Lexing;

internal sealed partial class SqlLexer
{
    private bool Has(ParameterStyles style) => (_d.Parameters & style) != 0;

    private void LexDollar(int start)
    {
        var next = At(_pos + 1);
        if (CharClass.IsDigit(next) && Has(ParameterStyles.NumberedDollar))
        {
            var i = _pos + 1;
            while (i < _end && CharClass.IsDigit(_text[i]))
            {
                i++;
            }

            _pos = i;
            Add(TokenKind.Parameter, start, i - start);
            return;
        }

        if (_d.DollarQuotedStrings)
        {
            var i = _pos + 1;
            if (next != '$')
            {
                if (!CharClass.IsIdentifierStart(next))
                {
                    throw new LexException(start, "Unexpected '$'.");
                }

                while (i < _end && CharClass.IsIdentifierPart(_text[i]) && _text[i] != '$')
                {
                    i++;
                }

                if (At(i) != '$')
                {
                    throw new LexException(start, "Malformed dollar-quote tag.");
                }
            }

            var tag = _text.AsSpan(start, i - start + 1);
            var bodyStart = i + 1;
            var close = _text.AsSpan(bodyStart, _end - bodyStart).IndexOf(tag, StringComparison.Ordinal);
            if (close < 0)
            {
                throw new LexException(start, "Unterminated dollar-quoted string.");
            }

            _pos = bodyStart + close + tag.Length;
            Add(TokenKind.DollarString, start, _pos - start);
            return;
        }

        if (Has(ParameterStyles.DollarName) && CharClass.IsIdentifierPart(next))
        {
            NamedParameter(start);
            return;
        }

        throw new LexException(start, "Unexpected '$'.");
    }

    private void NamedParameter(int start)
    {
        var i = _pos + 1;
        while (i < _end && CharClass.IsIdentifierPart(_text[i]))
        {
            i++;
        }

        _pos = i;
        Add(TokenKind.Parameter, start, i - start);
    }

    private void LexQuestion(int start)
    {
        if (_d.PostgresOperators)
        {
            if (At(_pos + 1) == '|') Operator(TokenKind.QuestionPipe, 2);
            else if (At(_pos + 1) == '&') Operator(TokenKind.QuestionAmpersand, 2);
            else Single(TokenKind.Question);
            return;
        }

        if (CharClass.IsDigit(At(_pos + 1)) && Has(ParameterStyles.NumberedQuestion))
        {
            NamedParameter(start);
            return;
        }

        if (Has(ParameterStyles.Question))
        {
            Operator(TokenKind.Parameter, 1);
            return;
        }

        throw new LexException(start, "Unexpected '?'.");
    }

    private void LexColon(int start)
    {
        var next = At(_pos + 1);
        if (next == ':' && _d.DoubleColonCast)
        {
            Operator(TokenKind.DoubleColon, 2);
        }
        else if (next == '=' && _d.ColonEquals)
        {
            Operator(TokenKind.ColonEquals, 2);
        }
        else if (Has(ParameterStyles.Colon) && CharClass.IsIdentifierPart(next))
        {
            NamedParameter(start);
        }
        else if (next == ':')
        {
            throw new LexException(start, "'::' is not an operator in this dialect.");
        }
        else
        {
            Single(TokenKind.Colon);
        }
    }

    private void LexAt(int start)
    {
        var next = At(_pos + 1);
        if (_d.UserVariables)
        {
            if (next == '@')
            {
                var i = _pos + 2;
                while (i < _end && (CharClass.IsIdentifierPart(_text[i]) || _text[i] == '.'))
                {
                    i++;
                }

                if (i == _pos + 2)
                {
                    throw new LexException(start, "Expected a system variable name after '@@'.");
                }

                _pos = i;
                Add(TokenKind.SystemVariable, start, i - start);
                return;
            }

            if (next is '\'' or '"' or '`')
            {
                _pos = ScanQuoted(_pos + 1, next, next != '`' && _d.BackslashEscapes, "variable name");
                Add(TokenKind.UserVariable, start, _pos - start);
                return;
            }

            if (CharClass.IsIdentifierPart(next) || next == '.')
            {
                var i = _pos + 1;
                while (i < _end && (CharClass.IsIdentifierPart(_text[i]) || _text[i] == '.'))
                {
                    i++;
                }

                _pos = i;
                Add(TokenKind.UserVariable, start, i - start);
                return;
            }

            throw new LexException(start, "Expected a variable name after '@'.");
        }

        if (Has(ParameterStyles.At) && CharClass.IsIdentifierPart(next))
        {
            NamedParameter(start);
            return;
        }

        if (_d.PostgresOperators)
        {
            if (next == '>') Operator(TokenKind.AtGreater, 2);
            else if (next == '@') Operator(TokenKind.AtAt, 2);
            else Single(TokenKind.At);
            return;
        }

        throw new LexException(start, "Unexpected '@'.");
    }

    private void LexHash(int start)
    {
        if (_d.PostgresOperators && At(_pos + 1) == '>')
        {
            Operator(At(_pos + 2) == '>' ? TokenKind.HashLongArrow : TokenKind.HashArrow, At(_pos + 2) == '>' ? 3 : 2);
        }
        else if (_d.HashIsXor)
        {
            Single(TokenKind.Hash);
        }
        else
        {
            throw new LexException(start, "Unexpected '#'.");
        }
    }

    private void LexLess()
    {
        var next = At(_pos + 1);
        if (next == '=' && At(_pos + 2) == '>' && _d.NullSafeEquals) Operator(TokenKind.NullSafeEquals, 3);
        else if (next == '=') Operator(TokenKind.LessOrEqual, 2);
        else if (next == '>') Operator(TokenKind.NotEquals, 2);
        else if (next == '<') Operator(TokenKind.ShiftLeft, 2);
        else if (next == '@' && _d.PostgresOperators) Operator(TokenKind.LessAt, 2);
        else Single(TokenKind.LessThan);
    }

    private void LexBang(int start)
    {
        var next = At(_pos + 1);
        if (next == '=')
        {
            Operator(TokenKind.NotEquals, 2);
        }
        else if (next == '~' && _d.TildeRegex)
        {
            Operator(At(_pos + 2) == '*' ? TokenKind.NotTildeStar : TokenKind.NotTilde, At(_pos + 2) == '*' ? 3 : 2);
        }
        else if (_d.BangIsNot)
        {
            Single(TokenKind.Bang);
        }
        else
        {
            throw new LexException(start, "Unexpected '!'.");
        }
    }

    private sealed class LexException(int position, string message) : Exception(message)
    {
        public int Position { get; } = position;
    }
}
