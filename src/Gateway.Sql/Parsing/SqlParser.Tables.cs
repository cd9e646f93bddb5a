using Gateway.Sql.Ast;
using Gateway.Sql.Lexing;

namespace Gateway.Sql.Parsing;

internal sealed partial class SqlParser
{
    private List<TableSource> ParseFromList()
    {
        var sources = new List<TableSource>();
        do
        {
            sources.Add(ParseTableReference());
        }
        while (Accept(TokenKind.Comma));

        return sources;
    }

    /// <summary>A table primary followed by any number of joins (built in a loop, left-deep).</summary>
    private TableSource ParseTableReference()
    {
        var left = ParseTablePrimary();
        while (TryParseJoinKind(out var kind, out var natural))
        {
            var right = ParseTablePrimary();
            Expression? on = null;
            IReadOnlyList<Identifier> usingColumns = [];
            if (!natural && kind != JoinKind.Cross)
            {
                if (AcceptKeyword(Keyword.ON))
                {
                    on = ParseExpression();
                }
                else if (AcceptKeyword(Keyword.USING))
                {
                    usingColumns = ParseIdentifierList();
                }
                else if (kind is not (JoinKind.Inner or JoinKind.Straight) || _d.JoinConditionRequired)
                {
                    throw Unexpected("ON or USING");
                }
            }

            left = new JoinedTable(SpanFromNode(left), kind, natural, left, right, on, usingColumns);
        }

        return left;
    }

    private bool TryParseJoinKind(out JoinKind kind, out bool natural)
    {
        kind = JoinKind.Inner;
        natural = false;
        if (!At(TokenKind.Word))
        {
            return false;
        }

        var start = _p;
        natural = AcceptKeyword(Keyword.NATURAL);
        switch (Current.Keyword)
        {
            case Keyword.JOIN:
                _p++;
                return true;
            case Keyword.INNER:
                _p++;
                ExpectKeyword(Keyword.JOIN);
                return true;
            case Keyword.LEFT:
            case Keyword.RIGHT:
            case Keyword.FULL:
                kind = Current.Keyword switch
                {
                    Keyword.LEFT => JoinKind.Left,
                    Keyword.RIGHT => JoinKind.Right,
                    _ => JoinKind.Full,
                };
                _p++;
                _ = AcceptKeyword(Keyword.OUTER);
                ExpectKeyword(Keyword.JOIN);
                return true;
            case Keyword.CROSS:
                _p++;
                ExpectKeyword(Keyword.JOIN);
                kind = JoinKind.Cross;
                return true;
            case Keyword.STRAIGHT_JOIN when _d.MySqlSelectExtensions:
                _p++;
                kind = JoinKind.Straight;
                return true;
            default:
                if (natural)
                {
                    throw Unexpected("JOIN after NATURAL");
                }

                _p = start;
                return false;
        }
    }

    private TableSource ParseTablePrimary()
    {
        var start = _p;
        var lateral = AcceptKeyword(Keyword.LATERAL);
        if (At(TokenKind.LeftParen))
        {
            if (ParenthesesOpenQuery())
            {
                var query = ParseSubqueryInParentheses();
                var alias = ParseTableAlias();
                return new DerivedTable(SpanFrom(start), query, alias, lateral);
            }

            Enter();
            _p++;
            var inner = ParseTableReference();
            Expect(TokenKind.RightParen, "')'");
            var innerAlias = ParseTableAlias();
            Leave();
            return new ParenthesizedTable(SpanFrom(start), inner, innerAlias);
        }

        if (_d.TableInheritanceSyntax && AcceptKeyword(Keyword.ONLY))
        {
            var parenthesised = Accept(TokenKind.LeftParen);
            var onlyName = ParseObjectName();
            if (parenthesised)
            {
                Expect(TokenKind.RightParen, "')'");
            }

            return new NamedTable(SpanFrom(start), onlyName, ParseTableAlias());
        }

        var nameStart = _p;
        var name = ParseObjectName();
        if (At(TokenKind.LeftParen))
        {
            var call = ParseFunctionCall(name, nameStart);
            var ordinality = AcceptKeywords(Keyword.WITH, Keyword.ORDINALITY);
            var functionAlias = ParseTableAlias();
            return new FunctionTable(SpanFrom(start), call, functionAlias, lateral, ordinality);
        }

        if (lateral)
        {
            throw Unexpected("a subquery or function after LATERAL");
        }

        if (At(TokenKind.Star) && _d.TableInheritanceSyntax)
        {
            _p++;
        }

        if (_d.MySqlSelectExtensions && AtKeyword(Keyword.PARTITION) && PeekKind(1, TokenKind.LeftParen))
        {
            _p++;
            _ = ParseIdentifierList();
        }

        if (AtKeyword(Keyword.TABLESAMPLE))
        {
            SkipTableSample();
        }

        var tableAlias = ParseTableAlias();
        SkipTableHints();
        return new NamedTable(SpanFrom(start), name, tableAlias);
    }

    /// <summary>True when the parenthesis at the cursor opens a query (possibly after more parentheses).</summary>
    private bool ParenthesesOpenQuery()
    {
        var k = _p;
        while (k < _count && _tokens[k].Kind == TokenKind.LeftParen)
        {
            k++;
        }

        var token = _tokens[Math.Min(k, _count - 1)];
        return token.Kind == TokenKind.Word && token.Keyword is Keyword.SELECT or Keyword.WITH or Keyword.VALUES or Keyword.TABLE;
    }

    private Query ParseSubqueryInParentheses()
    {
        Expect(TokenKind.LeftParen, "'('");
        var query = ParseQuery();
        Expect(TokenKind.RightParen, "')' to close the subquery");
        return query;
    }

    private TableAlias? ParseTableAlias()
    {
        var start = _p;
        Identifier name;
        if (AcceptKeyword(Keyword.AS))
        {
            name = ParseIdentifier();
        }
        else if (IsIdentifierToken(Current, allowReserved: false))
        {
            name = ParseIdentifier();
        }
        else
        {
            return null;
        }

        IReadOnlyList<Identifier> columns = At(TokenKind.LeftParen) ? ParseAliasColumns() : [];
        return new TableAlias(SpanFrom(start), name, columns);
    }

    /// <summary><c>(a, b)</c>, or PostgreSQL's column definition list <c>(a int, b text)</c> for record-returning functions.</summary>
    private List<Identifier> ParseAliasColumns()
    {
        Expect(TokenKind.LeftParen, "'('");
        var names = new List<Identifier>();
        do
        {
            names.Add(ParseIdentifier(allowReserved: true));
            if (!At(TokenKind.Comma) && !At(TokenKind.RightParen))
            {
                _ = ParseDataType();
            }
        }
        while (Accept(TokenKind.Comma));

        Expect(TokenKind.RightParen, "')'");
        return names;
    }

    private void SkipTableSample()
    {
        _p++;
        _ = ParseObjectName();
        Expect(TokenKind.LeftParen, "'('");
        _ = ParseExpressionList();
        Expect(TokenKind.RightParen, "')'");
        if (AcceptKeyword(Keyword.REPEATABLE))
        {
            Expect(TokenKind.LeftParen, "'('");
            _ = ParseExpression();
            Expect(TokenKind.RightParen, "')'");
        }
    }

    /// <summary>MySQL index hints (<c>USE INDEX (i)</c>, ...) and SQLite <c>INDEXED BY i</c> / <c>NOT INDEXED</c>.</summary>
    private void SkipTableHints()
    {
        while (true)
        {
            if (_d.MySqlSelectExtensions && (AtKeyword(Keyword.USE) || AtKeyword(Keyword.IGNORE) || AtKeyword(Keyword.FORCE))
                && (PeekKeyword(1, Keyword.INDEX) || PeekKeyword(1, Keyword.KEY)))
            {
                _p += 2;
                if (AcceptKeyword(Keyword.FOR))
                {
                    if (!AcceptKeyword(Keyword.JOIN) && !AcceptKeywords(Keyword.ORDER, Keyword.BY) && !AcceptKeywords(Keyword.GROUP, Keyword.BY))
                    {
                        throw Unexpected("JOIN, ORDER BY or GROUP BY");
                    }
                }

                Expect(TokenKind.LeftParen, "'('");
                if (!At(TokenKind.RightParen))
                {
                    do
                    {
                        _ = ParseIdentifier(allowReserved: true);
                    }
                    while (Accept(TokenKind.Comma));
                }

                Expect(TokenKind.RightParen, "')'");
            }
            else if (AcceptKeywords(Keyword.INDEXED, Keyword.BY))
            {
                _ = ParseIdentifier();
            }
            else if (AtKeyword(Keyword.NOT) && PeekKeyword(1, Keyword.INDEXED))
            {
                _p += 2;
            }
            else
            {
                return;
            }
        }
    }
}
