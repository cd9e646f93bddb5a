using Gateway.Sql.Ast;
using Gateway.Sql.Lexing;

namespace Gateway.Sql.Parsing;

/// <summary>Predicates: IS, LIKE and its relatives, comparison operators, IN, ANY/ALL/SOME.</summary>
internal sealed partial class SqlParser
{
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
}
