using System.Collections.Frozen;
using System.Text;
using Gateway.Sql.Ast;
using Gateway.Sql.Lexing;

namespace Gateway.Sql.Parsing;

internal sealed partial class SqlParser
{
    private static readonly FrozenSet<string> IntervalUnits = new[]
    {
        "MICROSECOND", "MICROSECONDS", "MILLISECOND", "MILLISECONDS", "SECOND", "SECONDS", "MINUTE", "MINUTES",
        "HOUR", "HOURS", "DAY", "DAYS", "WEEK", "WEEKS", "MONTH", "MONTHS", "QUARTER", "YEAR", "YEARS",
        "SECOND_MICROSECOND", "MINUTE_MICROSECOND", "MINUTE_SECOND", "HOUR_MICROSECOND", "HOUR_SECOND",
        "HOUR_MINUTE", "DAY_MICROSECOND", "DAY_SECOND", "DAY_MINUTE", "DAY_HOUR", "YEAR_MONTH", "DECADE",
        "CENTURY", "MILLENNIUM",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> IntervalUnitLookup =
        IntervalUnits.GetAlternateLookup<ReadOnlySpan<char>>();

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

    private IntervalExpression ParseInterval()
    {
        var start = _p;
        _p++;
        Expression value = _d.TypedStringLiterals && At(TokenKind.String) ? ParseStringLiteral() : ParseAdditive();
        string? unit = null;
        if (At(TokenKind.Word) && IntervalUnitLookup.Contains(Current.Span(_sql)))
        {
            var unitStart = _p;
            _p++;
            if (At(TokenKind.LeftParen) && PeekKind(1, TokenKind.Number) && PeekKind(2, TokenKind.RightParen))
            {
                _p += 3;
            }

            if (AtKeyword(Keyword.TO) && PeekKind(1, TokenKind.Word) && IntervalUnitLookup.Contains(PeekToken(1).Span(_sql)))
            {
                _p += 2;
            }

            var unitSpan = SpanFrom(unitStart);
            unit = _sql.Substring(unitSpan.Start, unitSpan.Length);
        }
        else if (_d.MySqlSelectExtensions)
        {
            throw Unexpected("an interval unit such as DAY");
        }

        return new IntervalExpression(SpanFrom(start), value, unit);
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

    /// <summary>A type name, with the multi-word forms (<c>double precision</c>, <c>timestamp with time zone</c>, ...), arguments and array brackets.</summary>
    private DataType ParseDataType()
    {
        var start = _p;
        var name = new StringBuilder();
        var first = ParseIdentifier(allowReserved: true);
        name.Append(first.Value.ToLowerInvariant());
        while (At(TokenKind.Dot) && (PeekKind(1, TokenKind.Word) || PeekKind(1, TokenKind.QuotedIdentifier)))
        {
            _p++;
            name.Append('.').Append(ParseIdentifier(allowReserved: true).Value.ToLowerInvariant());
        }

        var keyword = first.Quoted ? Keyword.None : _tokens[start].Keyword;
        void Word(Keyword next)
        {
            if (AcceptKeyword(next))
            {
                name.Append(' ').Append(next.ToString().ToLowerInvariant());
            }
        }

        switch (keyword)
        {
            case Keyword.DOUBLE:
                Word(Keyword.PRECISION);
                break;
            case Keyword.NATIONAL:
                Word(Keyword.CHARACTER);
                Word(Keyword.CHAR);
                Word(Keyword.VARYING);
                break;
            case Keyword.CHARACTER or Keyword.CHAR or Keyword.BIT:
                Word(Keyword.VARYING);
                break;
            case Keyword.SIGNED or Keyword.UNSIGNED:
                Word(Keyword.INTEGER);
                Word(Keyword.INT);
                break;
        }

        if (keyword == Keyword.INTERVAL)
        {
            while (At(TokenKind.Word) && (IntervalUnitLookup.Contains(Current.Span(_sql)) || AtKeyword(Keyword.TO)))
            {
                name.Append(' ').Append(Current.Text(_sql).ToLowerInvariant());
                _p++;
            }
        }

        IReadOnlyList<Expression> arguments = [];
        if (At(TokenKind.LeftParen))
        {
            _p++;
            arguments = ParseExpressionList();
            Expect(TokenKind.RightParen, "')'");
        }

        if ((keyword is Keyword.TIMESTAMP or Keyword.TIME) && (AtKeyword(Keyword.WITH) || AtKeyword(Keyword.WITHOUT)) && PeekKeyword(1, Keyword.TIME))
        {
            name.Append(AtKeyword(Keyword.WITH) ? " with" : " without");
            _p += 2;
            ExpectKeyword(Keyword.ZONE);
            name.Append(" time zone");
        }

        if (_d.MySqlSelectExtensions)
        {
            if (AtKeyword(Keyword.CHARACTER) && PeekKeyword(1, Keyword.SET))
            {
                _p += 2;
                _ = ParseIdentifier(allowReserved: true);
            }
            else if (AcceptKeyword(Keyword.CHARSET))
            {
                _ = ParseIdentifier(allowReserved: true);
            }
        }

        var dimensions = 0;
        while (_d.Arrays)
        {
            if (At(TokenKind.LeftBracket))
            {
                _p++;
                _ = Accept(TokenKind.Number);
                Expect(TokenKind.RightBracket, "']'");
                dimensions++;
            }
            else if (AcceptKeyword(Keyword.ARRAY))
            {
                dimensions++;
            }
            else
            {
                break;
            }
        }

        return new DataType(SpanFrom(start), name.ToString(), arguments, dimensions);
    }
}
