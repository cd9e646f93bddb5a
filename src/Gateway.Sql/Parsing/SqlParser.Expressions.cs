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

    private Expression ParseIs(Expression left)
    {
        _p++;
        var negated = AcceptKeyword(Keyword.NOT);
        if (AcceptKeyword(Keyword.DISTINCT))
        {
            ExpectKeyword(Keyword.FROM);
            var right = ParseOther();
            return new IsDistinctFromExpression(Cover(left, right), left, right, negated);
        }

        if (_d.IsComparesValues && !(At(TokenKind.Word) && Current.Keyword is Keyword.NULL or Keyword.TRUE or Keyword.FALSE or Keyword.UNKNOWN))
        {
            // SQLite: a IS b is a null-safe equality.
            var other = ParseOther();
            return new IsDistinctFromExpression(Cover(left, other), left, other, !negated);
        }

        var test = Current.Keyword switch
        {
            Keyword.NULL => IsTest.Null,
            Keyword.TRUE => IsTest.True,
            Keyword.FALSE => IsTest.False,
            Keyword.UNKNOWN => IsTest.Unknown,
            _ => throw Unexpected("NULL, TRUE, FALSE, UNKNOWN or DISTINCT FROM after IS"),
        };
        _p++;
        return new IsExpression(SpanFromNode(left), left, test, negated);
    }

    private bool IsNegatablePredicate(in Token next) =>
        next.Kind == TokenKind.Word && next.Keyword is Keyword.BETWEEN or Keyword.IN or Keyword.LIKE or Keyword.ILIKE
            or Keyword.SIMILAR or Keyword.REGEXP or Keyword.RLIKE or Keyword.GLOB or Keyword.MATCH;

    private bool TryPatternKind(out LikeKind kind)
    {
        kind = LikeKind.Like;
        if (!At(TokenKind.Word))
        {
            return false;
        }

        var operators = _d.PatternOperators;
        switch (Current.Keyword)
        {
            case Keyword.LIKE:
                kind = LikeKind.Like;
                break;
            case Keyword.ILIKE when (operators & Dialects.PatternOperators.ILike) != 0:
                kind = LikeKind.ILike;
                break;
            case Keyword.SIMILAR when (operators & Dialects.PatternOperators.SimilarTo) != 0 && PeekKeyword(1, Keyword.TO):
                _p++;
                kind = LikeKind.SimilarTo;
                break;
            case Keyword.REGEXP when (operators & Dialects.PatternOperators.Regexp) != 0:
                kind = LikeKind.Regexp;
                break;
            case Keyword.RLIKE when (operators & Dialects.PatternOperators.RLike) != 0:
                kind = LikeKind.RLike;
                break;
            case Keyword.GLOB when (operators & Dialects.PatternOperators.Glob) != 0:
                kind = LikeKind.Glob;
                break;
            case Keyword.MATCH when (operators & Dialects.PatternOperators.Match) != 0:
                kind = LikeKind.Match;
                break;
            default:
                return false;
        }

        _p++;
        return true;
    }

    private bool TryComparisonOperator(out BinaryOperator op)
    {
        op = Current.Kind switch
        {
            TokenKind.Equals or TokenKind.DoubleEquals => BinaryOperator.Equal,
            TokenKind.NotEquals => BinaryOperator.NotEqual,
            TokenKind.LessThan => BinaryOperator.LessThan,
            TokenKind.GreaterThan => BinaryOperator.GreaterThan,
            TokenKind.LessOrEqual => BinaryOperator.LessOrEqual,
            TokenKind.GreaterOrEqual => BinaryOperator.GreaterOrEqual,
            TokenKind.NullSafeEquals => BinaryOperator.NullSafeEqual,
            _ => (BinaryOperator)(-1),
        };
        return op >= 0;
    }

    private Expression ParseIn(Expression left, bool negated)
    {
        _p++;
        if (!At(TokenKind.LeftParen))
        {
            if (_d.InTableName && IsIdentifierToken(Current, allowReserved: false))
            {
                var tableStart = _p;
                var name = ParseObjectName();
                var table = new NamedTable(SpanFrom(tableStart), name, null);
                return new InTableExpression(SpanFromNode(left), left, table, negated);
            }

            throw Unexpected("'(' after IN");
        }

        if (ParenthesesOpenQuery() && PeekKind(1, TokenKind.Word))
        {
            var query = ParseSubqueryInParentheses();
            return new InSubqueryExpression(SpanFromNode(left), left, query, negated);
        }

        var open = _p;
        _p++;
        var items = At(TokenKind.RightParen) ? [] : ParseExpressionList();
        if (items.Count == 1 && items[0] is SubqueryExpression first && AtQueryContinuation())
        {
            var query = ContinueQuery(open + 1, first);
            Expect(TokenKind.RightParen, "')' to close the subquery");
            return new InSubqueryExpression(SpanFromNode(left), left, query, negated);
        }

        Expect(TokenKind.RightParen, "')' to close the IN list");
        return new InListExpression(SpanFromNode(left), left, items, negated);
    }

    private QuantifiedComparison ParseQuantified(Expression left, BinaryOperator op)
    {
        var quantifier = Current.Keyword switch
        {
            Keyword.ANY => Quantifier.Any,
            Keyword.ALL => Quantifier.All,
            _ => Quantifier.Some,
        };
        _p++;
        if (ParenthesesOpenQuery() && PeekKind(1, TokenKind.Word))
        {
            var query = ParseSubqueryInParentheses();
            return new QuantifiedComparison(SpanFromNode(left), op, quantifier, left, query, null);
        }

        Expect(TokenKind.LeftParen, "'('");
        var array = ParseExpression();
        Expect(TokenKind.RightParen, "')'");
        return new QuantifiedComparison(SpanFromNode(left), op, quantifier, left, null, array);
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

    private Expression ParsePostfix()
    {
        var expression = ParsePrimary();
        while (true)
        {
            if (At(TokenKind.DoubleColon))
            {
                _p++;
                var type = ParseDataType();
                expression = new CastExpression(SpanFromNode(expression), expression, type, CastSyntax.DoubleColon);
            }
            else if (At(TokenKind.LeftBracket) && _d.Arrays)
            {
                expression = ParseSubscript(expression);
            }
            else if (AtKeyword(Keyword.COLLATE))
            {
                _p++;
                var collationStart = _p;
                ObjectName collation;
                if (At(TokenKind.String))
                {
                    var token = Current;
                    _p++;
                    collation = new ObjectName(SpanFrom(collationStart), [new Identifier(SpanFrom(collationStart), token.Text(_sql)[1..^1], true)]);
                }
                else
                {
                    collation = ParseObjectName();
                }

                expression = new CollateExpression(SpanFromNode(expression), expression, collation);
            }
            else if (At(TokenKind.Dot) && _d.Arrays && _tokens[_p - 1].Kind == TokenKind.RightParen)
            {
                _p++;
                var field = ParseIdentifier(allowReserved: true);
                expression = new FieldAccessExpression(SpanFromNode(expression), expression, field);
            }
            else
            {
                return expression;
            }
        }
    }

    private SubscriptExpression ParseSubscript(Expression target)
    {
        _p++;
        Expression? index = At(TokenKind.Colon) ? null : ParseExpression();
        Expression? upper = null;
        var slice = false;
        if (Accept(TokenKind.Colon))
        {
            slice = true;
            upper = At(TokenKind.RightBracket) ? null : ParseExpression();
        }

        Expect(TokenKind.RightBracket, "']'");
        return new SubscriptExpression(SpanFromNode(target), target, index, upper, slice);
    }
}
