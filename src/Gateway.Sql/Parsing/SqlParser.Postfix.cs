using Gateway.Sql.Ast;
using Gateway.Sql.Lexing;

namespace Gateway.Sql.Parsing;

/// <summary>Postfix forms: <c>::type</c>, subscripts and slices, <c>AT TIME ZONE</c>, <c>COLLATE</c>, <c>(row).field</c>.</summary>
internal sealed partial class SqlParser
{
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
            else if (_d.AtTimeZone && AtWord("AT") && (PeekKeyword(1, Keyword.TIME) || PeekKeyword(1, Keyword.LOCAL)))
            {
                _p++;
                Expression? zone = null;
                if (AcceptKeyword(Keyword.LOCAL))
                {
                }
                else
                {
                    _p++;
                    ExpectKeyword(Keyword.ZONE);
                    zone = ParseUnary();
                }

                expression = new AtTimeZoneExpression(SpanFromNode(expression), expression, zone);
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
