using Gateway.Sql.Ast;
using Gateway.Sql.Lexing;

namespace Gateway.Sql.Parsing;

internal sealed partial class SqlParser
{
    private FunctionCall ParseFunctionCall(ObjectName name, int start)
    {
        Expect(TokenKind.LeftParen, "'('");
        var distinct = false;
        var star = false;
        IReadOnlyList<Expression> arguments = [];
        IReadOnlyList<OrderByItem> orderBy = [];
        Expression? separator = null;
        if (!At(TokenKind.RightParen))
        {
            if (AcceptKeyword(Keyword.DISTINCT))
            {
                distinct = true;
            }
            else
            {
                _ = AcceptKeyword(Keyword.ALL);
            }

            if (At(TokenKind.Star) && PeekKind(1, TokenKind.RightParen))
            {
                _p++;
                star = true;
            }
            else
            {
                var list = new List<Expression>();
                do
                {
                    list.Add(ParseFunctionArgument());
                }
                while (Accept(TokenKind.Comma));

                arguments = list;
            }

            if (AtKeyword(Keyword.ORDER) && PeekKeyword(1, Keyword.BY))
            {
                _p += 2;
                orderBy = ParseOrderByList();
            }

            if (_d.MySqlSelectExtensions && AcceptKeyword(Keyword.SEPARATOR))
            {
                separator = ParseExpression();
            }
        }

        Expect(TokenKind.RightParen, "')' to close the function call");
        IReadOnlyList<OrderByItem> withinGroup = [];
        if (AtKeyword(Keyword.WITHIN) && PeekKeyword(1, Keyword.GROUP))
        {
            _p += 2;
            Expect(TokenKind.LeftParen, "'('");
            if (!AcceptKeywords(Keyword.ORDER, Keyword.BY))
            {
                throw Unexpected("ORDER BY");
            }

            withinGroup = ParseOrderByList();
            Expect(TokenKind.RightParen, "')'");
        }

        Expression? filter = null;
        if (AtKeyword(Keyword.FILTER) && PeekKind(1, TokenKind.LeftParen))
        {
            _p += 2;
            ExpectKeyword(Keyword.WHERE);
            filter = ParseExpression();
            Expect(TokenKind.RightParen, "')'");
        }

        WindowSpec? over = null;
        Identifier? overWindow = null;
        if (AcceptKeyword(Keyword.OVER))
        {
            if (At(TokenKind.LeftParen))
            {
                over = ParseWindowSpec();
            }
            else
            {
                overWindow = ParseIdentifier();
            }
        }

        return new FunctionCall(SpanFrom(start), name, arguments, distinct, star, orderBy, separator, withinGroup, filter, over, overWindow, false);
    }

    private Expression ParseFunctionArgument()
    {
        if (IsIdentifierToken(Current, allowReserved: false)
            && (PeekKind(1, TokenKind.FatArrow) || (PeekKind(1, TokenKind.ColonEquals) && _d.PostgresOperators)))
        {
            var start = _p;
            var name = ParseIdentifier();
            _p++;
            var value = ParseExpression();
            return new NamedArgument(SpanFrom(start), name, value);
        }

        _ = _d.Arrays && AcceptKeyword(Keyword.VARIADIC);
        return ParseExpression();
    }

    private CastExpression ParseCast()
    {
        var start = _p;
        var syntax = AtKeyword(Keyword.TRY_CAST) ? CastSyntax.TryCast : CastSyntax.Cast;
        _p += 2;
        var operand = ParseExpression();
        ExpectKeyword(Keyword.AS);
        var type = ParseDataType();
        Expect(TokenKind.RightParen, "')'");
        return new CastExpression(SpanFrom(start), operand, type, syntax);
    }

    private Expression ParseConvert()
    {
        var start = _p;
        _p += 2;
        var operand = ParseExpression();
        Expression result;
        if (AcceptKeyword(Keyword.USING))
        {
            var charset = ParseIdentifier(allowReserved: true);
            Expect(TokenKind.RightParen, "')'");
            result = new ConvertUsingExpression(SpanFrom(start), operand, charset);
        }
        else
        {
            Expect(TokenKind.Comma, "',' or USING");
            var type = ParseDataType();
            Expect(TokenKind.RightParen, "')'");
            result = new CastExpression(SpanFrom(start), operand, type, CastSyntax.Convert);
        }

        return result;
    }

    private ExtractExpression ParseExtract()
    {
        var start = _p;
        _p += 2;
        if (!At(TokenKind.Word) && !At(TokenKind.String))
        {
            throw Unexpected("a date or time field");
        }

        var field = Current.Text(_sql);
        _p++;
        ExpectKeyword(Keyword.FROM);
        var source = ParseExpression();
        Expect(TokenKind.RightParen, "')'");
        return new ExtractExpression(SpanFrom(start), field, source);
    }

    private SubstringExpression ParseSubstring()
    {
        var start = _p;
        _p += 2;
        var source = ParseExpression();
        Expression? from = null, length = null;
        if (Accept(TokenKind.Comma))
        {
            from = ParseExpression();
            if (Accept(TokenKind.Comma))
            {
                length = ParseExpression();
            }
        }
        else
        {
            if (AcceptKeyword(Keyword.FROM))
            {
                from = ParseExpression();
            }

            if (AcceptKeyword(Keyword.FOR))
            {
                length = ParseExpression();
            }
        }

        Expect(TokenKind.RightParen, "')'");
        return new SubstringExpression(SpanFrom(start), source, from, length);
    }

    private PositionExpression ParsePosition()
    {
        var start = _p;
        _p += 2;
        var needle = ParseOther();
        ExpectKeyword(Keyword.IN);
        var haystack = ParseExpression();
        Expect(TokenKind.RightParen, "')'");
        return new PositionExpression(SpanFrom(start), needle, haystack);
    }

    private TrimExpression ParseTrim()
    {
        var start = _p;
        _p += 2;
        var side = AcceptKeyword(Keyword.BOTH) ? TrimSide.Both
            : AcceptKeyword(Keyword.LEADING) ? TrimSide.Leading
            : AcceptKeyword(Keyword.TRAILING) ? TrimSide.Trailing
            : TrimSide.Default;
        Expression? characters = null;
        Expression source;
        if (AcceptKeyword(Keyword.FROM))
        {
            source = ParseExpression();
        }
        else
        {
            var first = ParseExpression();
            if (AcceptKeyword(Keyword.FROM))
            {
                characters = first;
                source = ParseExpression();
            }
            else if (side == TrimSide.Default && Accept(TokenKind.Comma))
            {
                source = first;
                characters = ParseExpression();
            }
            else
            {
                source = first;
            }
        }

        Expect(TokenKind.RightParen, "')'");
        return new TrimExpression(SpanFrom(start), side, characters, source);
    }

    private OverlayExpression ParseOverlay()
    {
        var start = _p;
        _p += 2;
        var source = ParseExpression();
        ExpectKeyword(Keyword.PLACING);
        var replacement = ParseExpression();
        ExpectKeyword(Keyword.FROM);
        var from = ParseExpression();
        var length = AcceptKeyword(Keyword.FOR) ? ParseExpression() : null;
        Expect(TokenKind.RightParen, "')'");
        return new OverlayExpression(SpanFrom(start), source, replacement, from, length);
    }

    private ArrayExpression ParseArray()
    {
        var start = _p;
        _p++;
        if (At(TokenKind.LeftParen))
        {
            var query = ParseSubqueryInParentheses();
            return new ArrayExpression(SpanFrom(start), [], query);
        }

        var elements = ParseBracketList();
        return new ArrayExpression(SpanFrom(start), elements, null);
    }

    /// <summary><c>[a, b]</c>, where elements may themselves be bare <c>[...]</c> lists (multi-dimensional arrays).</summary>
    private List<Expression> ParseBracketList()
    {
        Expect(TokenKind.LeftBracket, "'['");
        Enter();
        var elements = new List<Expression>();
        if (!At(TokenKind.RightBracket))
        {
            do
            {
                if (At(TokenKind.LeftBracket))
                {
                    var start = _p;
                    var inner = ParseBracketList();
                    elements.Add(new ArrayExpression(SpanFrom(start), inner, null));
                }
                else
                {
                    elements.Add(ParseExpression());
                }
            }
            while (Accept(TokenKind.Comma));
        }

        Expect(TokenKind.RightBracket, "']'");
        Leave();
        return elements;
    }

    private MatchAgainstExpression ParseMatchAgainst()
    {
        var start = _p;
        _p += 2;
        var columns = ParseExpressionList();
        Expect(TokenKind.RightParen, "')'");
        ExpectKeyword(Keyword.AGAINST);
        Expect(TokenKind.LeftParen, "'('");
        var against = ParseOther();
        if (AcceptKeyword(Keyword.IN))
        {
            if (AcceptKeyword(Keyword.NATURAL))
            {
                ExpectKeyword(Keyword.LANGUAGE);
            }
            else
            {
                ExpectKeyword(Keyword.BOOLEAN);
            }

            ExpectKeyword(Keyword.MODE);
        }

        if (AcceptKeywords(Keyword.WITH, Keyword.QUERY))
        {
            ExpectKeyword(Keyword.EXPANSION);
        }

        Expect(TokenKind.RightParen, "')'");
        return new MatchAgainstExpression(SpanFrom(start), columns, against);
    }

    private CaseExpression ParseCase()
    {
        var start = _p;
        _p++;
        var operand = AtKeyword(Keyword.WHEN) ? null : ParseExpression();
        var whens = new List<WhenClause>();
        while (AtKeyword(Keyword.WHEN))
        {
            var whenStart = _p;
            _p++;
            var condition = ParseExpression();
            ExpectKeyword(Keyword.THEN);
            var result = ParseExpression();
            whens.Add(new WhenClause(SpanFrom(whenStart), condition, result));
        }

        if (whens.Count == 0)
        {
            throw Unexpected("WHEN");
        }

        var elseResult = AcceptKeyword(Keyword.ELSE) ? ParseExpression() : null;
        ExpectKeyword(Keyword.END);
        return new CaseExpression(SpanFrom(start), operand, whens, elseResult);
    }


}
