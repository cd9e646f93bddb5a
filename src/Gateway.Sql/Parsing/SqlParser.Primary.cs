using Gateway.Sql.Ast;
using Gateway.Sql.Lexing;

namespace Gateway.Sql.Parsing;

internal sealed partial class SqlParser
{
    private Expression ParsePrimary()
    {
        var start = _p;
        ref readonly var token = ref Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                _p++;
                return new Literal(SpanFrom(start), LiteralKind.Number, token.Text(_sql));
            case TokenKind.HexNumber:
                _p++;
                return new Literal(SpanFrom(start), LiteralKind.HexNumber, token.Text(_sql));
            case TokenKind.String:
            case TokenKind.EscapeString:
            case TokenKind.UnicodeString:
            case TokenKind.NationalString:
            case TokenKind.HexString:
            case TokenKind.BitString:
            case TokenKind.DollarString:
            case TokenKind.IntroducedString:
                return ParseStringLiteral();
            case TokenKind.Parameter:
                _p++;
                return new ParameterExpression(SpanFrom(start), token.Text(_sql));
            case TokenKind.UserVariable:
                return ParseUserVariable();
            case TokenKind.SystemVariable:
                _p++;
                return new VariableExpression(SpanFrom(start), token.Text(_sql), System: true);
            case TokenKind.LeftParen:
                return ParseParenthesized();
            case TokenKind.QuotedIdentifier:
                return ParseNameExpression();
            case TokenKind.Word:
                return ParseWordExpression();
            default:
                throw Unexpected("an expression");
        }
    }

    private Literal ParseStringLiteral()
    {
        var start = _p;
        var kind = Current.Kind switch
        {
            TokenKind.EscapeString => LiteralKind.EscapeString,
            TokenKind.UnicodeString => LiteralKind.UnicodeString,
            TokenKind.NationalString => LiteralKind.NationalString,
            TokenKind.HexString => LiteralKind.HexString,
            TokenKind.BitString => LiteralKind.BitString,
            TokenKind.DollarString => LiteralKind.DollarString,
            TokenKind.IntroducedString => LiteralKind.IntroducedString,
            _ => LiteralKind.String,
        };
        _p++;

        // Adjacent string literals are one value ('a' 'b' = 'ab' in MySQL; across a newline in PostgreSQL).
        while (At(TokenKind.String) && kind is LiteralKind.String or LiteralKind.EscapeString or LiteralKind.NationalString or LiteralKind.IntroducedString)
        {
            _p++;
        }

        if (kind == LiteralKind.UnicodeString && AtKeyword(Keyword.UESCAPE) && PeekKind(1, TokenKind.String))
        {
            _p += 2;
        }

        var span = SpanFrom(start);
        return new Literal(span, kind, _sql.Substring(span.Start, span.Length));
    }

    private Expression ParseUserVariable()
    {
        var start = _p;
        var token = Current;
        _p++;
        var variable = new VariableExpression(SpanFrom(start), token.Text(_sql), System: false);
        if (!Accept(TokenKind.ColonEquals))
        {
            return variable;
        }

        var value = ParseExpression();
        return new AssignmentExpression(SpanFrom(start), variable, value);
    }

    private Expression ParseParenthesized()
    {
        var start = _p;
        if (ParenthesesOpenQuery() && PeekKind(1, TokenKind.Word))
        {
            var query = ParseSubqueryInParentheses();
            return new SubqueryExpression(SpanFrom(start), query);
        }

        _p++;
        var first = ParseExpression();
        if (first is SubqueryExpression subquery && AtQueryContinuation())
        {
            // ((SELECT 1) UNION (SELECT 2)): the first operand turned out to be part of a query.
            var query = ContinueQuery(start + 1, subquery);
            Expect(TokenKind.RightParen, "')'");
            return new SubqueryExpression(SpanFrom(start), query);
        }

        if (At(TokenKind.Comma))
        {
            var items = new List<Expression> { first };
            while (Accept(TokenKind.Comma))
            {
                items.Add(ParseExpression());
            }

            Expect(TokenKind.RightParen, "')'");
            return new RowExpression(SpanFrom(start), items, ExplicitRow: false);
        }

        Expect(TokenKind.RightParen, "')'");
        return first;
    }

    /// <summary>Finishes a query whose first operand, <c>(SELECT ...)</c>, was parsed as a scalar subquery.</summary>
    private Query ContinueQuery(int startToken, SubqueryExpression first)
    {
        var body = ParseSetExpression(0, new NestedQueryBody(first.Span, first.Query));
        return ParseQueryTail(startToken, null, body);
    }

    private bool AtQueryContinuation() =>
        AtKeyword(Keyword.UNION) || AtKeyword(Keyword.INTERSECT) || AtKeyword(Keyword.EXCEPT)
        || (AtKeyword(Keyword.ORDER) && PeekKeyword(1, Keyword.BY)) || AtKeyword(Keyword.LIMIT) || AtKeyword(Keyword.OFFSET);

    private Expression ParseWordExpression()
    {
        var start = _p;
        var keyword = Current.Keyword;
        var callFollows = PeekKind(1, TokenKind.LeftParen);
        switch (keyword)
        {
            case Keyword.NULL:
                _p++;
                return new Literal(SpanFrom(start), LiteralKind.Null, "NULL");
            case Keyword.TRUE:
            case Keyword.FALSE:
                _p++;
                return new Literal(SpanFrom(start), keyword == Keyword.TRUE ? LiteralKind.True : LiteralKind.False, _tokens[start].Text(_sql));
            case Keyword.CASE:
                return ParseCase();
            case Keyword.NOT:
                return ParseNot();
            case Keyword.EXISTS when callFollows:
                _p++;
                var exists = ParseSubqueryInParentheses();
                return new ExistsExpression(SpanFrom(start), exists);
            case Keyword.CAST when callFollows:
            case Keyword.TRY_CAST when callFollows:
                return ParseCast();
            case Keyword.CONVERT when callFollows && _d.MySqlSelectExtensions:
                return ParseConvert();
            case Keyword.EXTRACT when callFollows:
                return ParseExtract();
            case Keyword.SUBSTRING when callFollows:
                return ParseSubstring();
            case Keyword.POSITION when callFollows:
                return ParsePosition();
            case Keyword.TRIM when callFollows:
                return ParseTrim();
            case Keyword.OVERLAY when callFollows && _d.Arrays:
                return ParseOverlay();
            case Keyword.ARRAY when _d.Arrays && (callFollows || PeekKind(1, TokenKind.LeftBracket)):
                return ParseArray();
            case Keyword.ROW when callFollows:
                _p += 2;
                IReadOnlyList<Expression> rowItems = At(TokenKind.RightParen) ? [] : ParseExpressionList();
                Expect(TokenKind.RightParen, "')'");
                return new RowExpression(SpanFrom(start), rowItems, ExplicitRow: true);
            case Keyword.INTERVAL when _d.IntervalLiterals:
                return ParseInterval();
            case Keyword.MATCH when callFollows && _d.MySqlSelectExtensions:
                return ParseMatchAgainst();
            case Keyword.DATE or Keyword.TIME or Keyword.TIMESTAMP or Keyword.DATETIME when PeekKind(1, TokenKind.String):
                var type = ParseDataType();
                var value = ParseStringLiteral();
                return new TypedLiteral(SpanFrom(start), type, value);
            case Keyword.CURRENT_DATE or Keyword.CURRENT_TIME or Keyword.CURRENT_TIMESTAMP or Keyword.LOCALTIME
                or Keyword.LOCALTIMESTAMP or Keyword.CURRENT_USER or Keyword.SESSION_USER or Keyword.CURRENT_ROLE
                or Keyword.CURRENT_CATALOG or Keyword.CURRENT_SCHEMA or Keyword.SYSTEM_USER or Keyword.USER when !callFollows:
                _p++;
                var name = new ObjectName(SpanFrom(start), [new Identifier(SpanFrom(start), _tokens[start].Text(_sql), false)]);
                return new FunctionCall(SpanFrom(start), name, [], false, false, [], null, [], null, null, null, NoParentheses: true);
            case Keyword.DEFAULT:
                throw Error("DEFAULT is not a value in a query.");
        }

        if (keyword != Keyword.None && _d.IsReserved(keyword) && !callFollows)
        {
            throw Unexpected("an expression");
        }

        return ParseNameExpression();
    }

    /// <summary>A column, <c>t.*</c>, a function call, or (PostgreSQL) a typed literal <c>type 'text'</c>.</summary>
    private Expression ParseNameExpression()
    {
        var start = _p;
        var parts = new List<Identifier>(2) { ParseIdentifier(allowReserved: true) };
        while (At(TokenKind.Dot))
        {
            if (PeekKind(1, TokenKind.Star))
            {
                _p += 2;
                var qualifier = new ObjectName(TextSpan.FromBounds(parts[0].Span.Start, parts[^1].Span.End), parts);
                return new StarExpression(SpanFrom(start), qualifier);
            }

            if (!PeekKind(1, TokenKind.Word) && !PeekKind(1, TokenKind.QuotedIdentifier))
            {
                throw Error("Expected a name after '.'.");
            }

            _p++;
            parts.Add(ParseIdentifier(allowReserved: true));
        }

        var name = new ObjectName(SpanFrom(start), parts);
        if (At(TokenKind.LeftParen))
        {
            return ParseFunctionCall(name, start);
        }

        if (At(TokenKind.String) && parts.Count == 1 && !parts[0].Quoted)
        {
            if (_d.TypedStringLiterals)
            {
                var type = new DataType(name.Span, parts[0].Value.ToLowerInvariant(), [], 0);
                return new TypedLiteral(SpanFrom(start), type, ParseStringLiteral());
            }

            if (_d.CharsetIntroducers && parts[0].Value.StartsWith('_'))
            {
                _p++;
                return new Literal(SpanFrom(start), LiteralKind.IntroducedString, _sql.Substring(_tokens[start].Start, _tokens[_p - 1].End - _tokens[start].Start));
            }
        }

        return new ColumnReference(name.Span, name);
    }

    // ---- Names ----------------------------------------------------------------------------------------------

    private bool IsIdentifierToken(in Token token, bool allowReserved) =>
        token.Kind == TokenKind.QuotedIdentifier
        || (token.Kind == TokenKind.Word && (allowReserved || token.Keyword == Keyword.None || !_d.IsReserved(token.Keyword)));

    private Identifier ParseIdentifier(bool allowReserved = false)
    {
        var token = Current;
        if (!IsIdentifierToken(token, allowReserved))
        {
            throw Unexpected("a name");
        }

        _p++;
        var span = new TextSpan(token.Start, token.Length);
        return token.Kind == TokenKind.QuotedIdentifier
            ? new Identifier(span, Unquote(token), Quoted: true)
            : new Identifier(span, token.Text(_sql), Quoted: false);
    }

    /// <summary>The name inside <c>"a""b"</c>, <c>`a``b`</c>, <c>[a]</c> or <c>U&amp;"a"</c>, with doubled quotes undone.</summary>
    private string Unquote(in Token token)
    {
        var text = token.Span(_sql);
        if (text[0] is 'U' or 'u')
        {
            if (AtKeyword(Keyword.UESCAPE))
            {
                throw Error("UESCAPE on a quoted identifier is not supported.");
            }

            return DecodeUnicodeEscapes(token, text[3..^1].ToString().Replace("\"\"", "\"", StringComparison.Ordinal));
        }

        var quote = text[0];
        var inner = text[1..^1];
        if (quote == '[')
        {
            return inner.ToString();
        }

        Span<char> doubled = [quote, quote];
        return inner.Contains(doubled, StringComparison.Ordinal)
            ? inner.ToString().Replace(new string(quote, 2), quote.ToString(), StringComparison.Ordinal)
            : inner.ToString();
    }

    /// <summary>Decodes PostgreSQL's <c>\XXXX</c>, <c>\+XXXXXX</c> and <c>\\</c> in a <c>U&amp;"..."</c> name, so the name is matched as the server reads it.</summary>
    private string DecodeUnicodeEscapes(in Token token, string body)
    {
        if (!body.Contains('\\', StringComparison.Ordinal))
        {
            return body;
        }

        var builder = new System.Text.StringBuilder(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] != '\\')
            {
                builder.Append(body[i]);
                continue;
            }

            var digits = i + 1 < body.Length && body[i + 1] == '+' ? 6 : 4;
            var from = digits == 6 ? i + 2 : i + 1;
            if (i + 1 < body.Length && body[i + 1] == '\\')
            {
                builder.Append('\\');
                i++;
            }
            else if (from + digits <= body.Length
                && int.TryParse(body.AsSpan(from, digits), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var code)
                && code is >= 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF))
            {
                builder.Append(char.ConvertFromUtf32(code));
                i = from + digits - 1;
            }
            else
            {
                throw new ParseException(token.Start, "Invalid Unicode escape in a U&\"...\" identifier.");
            }
        }

        return builder.ToString();
    }

    private ObjectName ParseObjectName()
    {
        var start = _p;
        var parts = new List<Identifier>(2) { ParseIdentifier() };
        while (At(TokenKind.Dot) && (PeekKind(1, TokenKind.Word) || PeekKind(1, TokenKind.QuotedIdentifier)))
        {
            _p++;
            parts.Add(ParseIdentifier(allowReserved: true));
        }

        return new ObjectName(SpanFrom(start), parts);
    }

    private List<Identifier> ParseIdentifierList()
    {
        Expect(TokenKind.LeftParen, "'('");
        var names = new List<Identifier>();
        do
        {
            names.Add(ParseIdentifier(allowReserved: true));
        }
        while (Accept(TokenKind.Comma));

        Expect(TokenKind.RightParen, "')'");
        return names;
    }
}
