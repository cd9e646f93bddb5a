using Gateway.Sql.Ast;
using Gateway.Sql.Lexing;

namespace Gateway.Sql.Parsing;

/// <summary>
/// Expressions by precedence, loosest first: OR, XOR, AND, NOT, comparison and predicates (IS, BETWEEN, IN, LIKE...),
/// other operators (<c>||</c>, JSON, bitwise), additive, multiplicative, power, unary, postfix (<c>::</c>,
/// subscripts, COLLATE), primary. Same-precedence chains are built in loops, so long chains do not recurse.
/// </summary>
internal sealed partial class SqlParser
{
    private Expression ParseExpression()
    {
        Enter();
        var expression = ParseOr();
        Leave();
        return expression;
    }

    private List<Expression> ParseExpressionList()
    {
        var items = new List<Expression>();
        do
        {
            items.Add(ParseExpression());
        }
        while (Accept(TokenKind.Comma));

        return items;
    }

    private Expression ParseOr()
    {
        var left = ParseXor();
        while (AtKeyword(Keyword.OR) || (At(TokenKind.Concat) && _d.PipesAreOr))
        {
            _p++;
            var right = ParseXor();
            left = new BinaryExpression(Cover(left, right), BinaryOperator.Or, left, right);
        }

        return left;
    }

    private Expression ParseXor()
    {
        var left = ParseAnd();
        while (_d.WordOperators && AtKeyword(Keyword.XOR))
        {
            _p++;
            var right = ParseAnd();
            left = new BinaryExpression(Cover(left, right), BinaryOperator.Xor, left, right);
        }

        return left;
    }

    private Expression ParseAnd()
    {
        var left = ParseNot();
        while (AtKeyword(Keyword.AND) || (At(TokenKind.DoubleAmpersand) && _d.AmpersandsAreAnd))
        {
            _p++;
            var right = ParseNot();
            left = new BinaryExpression(Cover(left, right), BinaryOperator.And, left, right);
        }

        return left;
    }

    private Expression ParseNot()
    {
        if (!AtKeyword(Keyword.NOT))
        {
            return ParseComparison();
        }

        var start = _p;
        _p++;
        Enter();
        var operand = ParseNot();
        Leave();
        return new UnaryExpression(SpanFrom(start), UnaryOperator.Not, operand);
    }

    private Expression ParseComparison()
    {
        var left = ParseOther();
        while (true)
        {
            if (AtKeyword(Keyword.IS))
            {
                left = ParseIs(left);
                continue;
            }

            if (_d.PostfixNullTests && (AtKeyword(Keyword.ISNULL) || AtKeyword(Keyword.NOTNULL)))
            {
                var negated = AtKeyword(Keyword.NOTNULL);
                _p++;
                left = new IsExpression(SpanFromNode(left), left, IsTest.Null, negated);
                continue;
            }

            if (_d.NotNullPostfix && AtKeyword(Keyword.NOT) && PeekKeyword(1, Keyword.NULL))
            {
                _p += 2;
                left = new IsExpression(SpanFromNode(left), left, IsTest.Null, Negated: true);
                continue;
            }

            var not = AtKeyword(Keyword.NOT) && IsNegatablePredicate(PeekToken(1));
            if (not)
            {
                _p++;
            }

            if (AtKeyword(Keyword.BETWEEN))
            {
                _p++;
                var symmetric = AcceptKeyword(Keyword.SYMMETRIC);
                _ = symmetric || AcceptKeyword(Keyword.ASYMMETRIC);
                var low = ParseOther();
                ExpectKeyword(Keyword.AND);
                var high = ParseOther();
                left = new BetweenExpression(SpanFromNode(left), left, low, high, not, symmetric);
                continue;
            }

            if (AtKeyword(Keyword.IN))
            {
                left = ParseIn(left, not);
                continue;
            }

            if (TryPatternKind(out var likeKind))
            {
                var pattern = ParseOther();
                var escape = AcceptKeyword(Keyword.ESCAPE) ? ParseOther() : null;
                left = new LikeExpression(SpanFromNode(left), likeKind, left, pattern, escape, not);
                continue;
            }

            if (not)
            {
                throw Unexpected("BETWEEN, IN or LIKE after NOT");
            }

            if (!TryComparisonOperator(out var op))
            {
                return left;
            }

            _p++;
            if ((AtKeyword(Keyword.ANY) || AtKeyword(Keyword.ALL) || AtKeyword(Keyword.SOME)) && PeekKind(1, TokenKind.LeftParen))
            {
                left = ParseQuantified(left, op);
                continue;
            }

            var right = ParseOther();
            left = new BinaryExpression(Cover(left, right), op, left, right);
        }
    }

    /// <summary>Operators PostgreSQL calls "any other operator", plus concatenation, JSON and bitwise operators.</summary>
    private Expression ParseOther()
    {
        var left = ParseAdditive();
        while (TryOtherOperator(out var op))
        {
            _p++;
            var right = ParseAdditive();
            left = new BinaryExpression(Cover(left, right), op, left, right);
        }

        return left;
    }

    private bool TryOtherOperator(out BinaryOperator op)
    {
        op = Current.Kind switch
        {
            TokenKind.Concat when !_d.PipesAreOr => BinaryOperator.Concat,
            TokenKind.Arrow => BinaryOperator.JsonGet,
            TokenKind.LongArrow => BinaryOperator.JsonGetText,
            TokenKind.HashArrow => BinaryOperator.JsonPath,
            TokenKind.HashLongArrow => BinaryOperator.JsonPathText,
            TokenKind.AtGreater => BinaryOperator.Contains,
            TokenKind.LessAt => BinaryOperator.ContainedBy,
            TokenKind.Question => BinaryOperator.HasKey,
            TokenKind.QuestionPipe => BinaryOperator.HasAnyKey,
            TokenKind.QuestionAmpersand => BinaryOperator.HasAllKeys,
            TokenKind.Tilde when _d.TildeRegex => BinaryOperator.RegexMatch,
            TokenKind.TildeStar => BinaryOperator.RegexMatchInsensitive,
            TokenKind.NotTilde => BinaryOperator.NotRegexMatch,
            TokenKind.NotTildeStar => BinaryOperator.NotRegexMatchInsensitive,
            TokenKind.DoubleAmpersand when !_d.AmpersandsAreAnd => BinaryOperator.Overlaps,
            TokenKind.AtAt => BinaryOperator.TextSearchMatch,
            TokenKind.Distance => BinaryOperator.Distance,
            TokenKind.Pipe => BinaryOperator.BitwiseOr,
            TokenKind.Ampersand => BinaryOperator.BitwiseAnd,
            TokenKind.ShiftLeft => BinaryOperator.ShiftLeft,
            TokenKind.ShiftRight => BinaryOperator.ShiftRight,
            TokenKind.Hash => BinaryOperator.BitwiseXor,
            TokenKind.Caret when !_d.CaretIsPower => BinaryOperator.BitwiseXor,
            _ => (BinaryOperator)(-1),
        };
        return op >= 0;
    }

    private Expression ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (At(TokenKind.Plus) || At(TokenKind.Minus))
        {
            var op = At(TokenKind.Plus) ? BinaryOperator.Add : BinaryOperator.Subtract;
            _p++;
            var right = ParseMultiplicative();
            left = new BinaryExpression(Cover(left, right), op, left, right);
        }

        return left;
    }

    private Expression ParseMultiplicative()
    {
        var left = ParsePower();
        while (true)
        {
            BinaryOperator op;
            if (At(TokenKind.Star)) op = BinaryOperator.Multiply;
            else if (At(TokenKind.Slash)) op = BinaryOperator.Divide;
            else if (At(TokenKind.Percent)) op = BinaryOperator.Modulo;
            else if (_d.WordOperators && AtKeyword(Keyword.DIV)) op = BinaryOperator.IntegerDivide;
            else if (_d.WordOperators && AtKeyword(Keyword.MOD) && !PeekKind(1, TokenKind.LeftParen)) op = BinaryOperator.Modulo;
            else return left;

            _p++;
            var right = ParsePower();
            left = new BinaryExpression(Cover(left, right), op, left, right);
        }
    }

    private Expression ParsePower()
    {
        var left = ParseUnary();
        while (_d.CaretIsPower && At(TokenKind.Caret))
        {
            _p++;
            var right = ParseUnary();
            left = new BinaryExpression(Cover(left, right), BinaryOperator.Power, left, right);
        }

        return left;
    }

    private Expression ParseUnary()
    {
        UnaryOperator op;
        if (At(TokenKind.Minus)) op = UnaryOperator.Minus;
        else if (At(TokenKind.Plus)) op = UnaryOperator.Plus;
        else if (At(TokenKind.Tilde) && !_d.TildeRegex) op = UnaryOperator.BitwiseNot;
        else if (At(TokenKind.Tilde)) op = UnaryOperator.BitwiseNot;
        else if (At(TokenKind.Bang) && _d.BangIsNot) op = UnaryOperator.Not;
        else if (At(TokenKind.At) && _d.PostgresOperators) op = UnaryOperator.AbsoluteValue;
        else if (_d.MySqlSelectExtensions && AtKeyword(Keyword.BINARY) && !PeekKind(1, TokenKind.LeftParen)) op = UnaryOperator.Binary;
        else return ParsePostfix();

        var start = _p;
        _p++;
        Enter();
        var operand = ParseUnary();
        Leave();
        return new UnaryExpression(SpanFrom(start), op, operand);
    }


}
