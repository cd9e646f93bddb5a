using System.Collections.Frozen;
using System.Text;
using Gateway.Sql.Ast;
using Gateway.Sql.Lexing;

namespace Gateway.Sql.Parsing;

/// <summary>Type names, type modifiers and interval literals.</summary>
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

    /// <summary><c>(1, 'a', -2)</c>: a parenthesised list of constants (type modifiers, sampling arguments).</summary>
    private List<Expression> ParseConstantList()
    {
        Expect(TokenKind.LeftParen, "'('");
        var constants = new List<Expression>();
        do
        {
            var start = _p;
            var negative = Accept(TokenKind.Minus);
            if (!At(TokenKind.Number) && !At(TokenKind.String) && !(At(TokenKind.Word) && !negative))
            {
                throw Unexpected("a constant");
            }

            var kind = At(TokenKind.Number) ? LiteralKind.Number : LiteralKind.String;
            _p++;
            var span = SpanFrom(start);
            constants.Add(new Literal(span, kind, _sql.Substring(span.Start, span.Length)));
        }
        while (Accept(TokenKind.Comma));

        Expect(TokenKind.RightParen, "')'");
        return constants;
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

        IReadOnlyList<Expression> arguments = At(TokenKind.LeftParen) ? ParseConstantList() : [];

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
