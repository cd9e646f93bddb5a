using Gateway.Sql.Ast;
using Gateway.Sql.Lexing;

namespace Gateway.Sql.Parsing;

internal sealed partial class SqlParser
{
    private Query ParseQuery()
    {
        Enter();
        var start = _p;
        var with = AtKeyword(Keyword.WITH) ? ParseWith() : null;
        var body = ParseSetExpression(0, null);
        var query = ParseQueryTail(start, with, body);
        Leave();
        return query;
    }

    /// <summary>ORDER BY, LIMIT/OFFSET/FETCH, locking clauses and a trailing MySQL INTO, in any order MySQL or PostgreSQL accept.</summary>
    private Query ParseQueryTail(int start, WithClause? with, QueryBody body)
    {
        List<OrderByItem> orderBy = [];
        LimitClause? limit = null;
        List<LockingClause>? locking = null;
        IntoClause? into = null;
        if (body is not DataChangeBody)
        {
            while (true)
            {
                if (orderBy.Count == 0 && AtKeyword(Keyword.ORDER) && PeekKeyword(1, Keyword.BY))
                {
                    _p += 2;
                    orderBy = ParseOrderByList();
                }
                else if (limit is null && (AtKeyword(Keyword.LIMIT) || AtKeyword(Keyword.OFFSET) || (AtKeyword(Keyword.FETCH) && _d.FetchFirst)))
                {
                    limit = ParseLimit();
                }
                else if (_d.LockingClauses && (AtKeyword(Keyword.FOR) || AtKeyword(Keyword.LOCK)))
                {
                    (locking ??= []).Add(ParseLocking());
                }
                else if (into is null && AtKeyword(Keyword.INTO))
                {
                    into = ParseInto();
                }
                else
                {
                    break;
                }
            }
        }

        return new Query(SpanFrom(start), with, body, orderBy, limit, (IReadOnlyList<LockingClause>?)locking ?? [], into);
    }

    private WithClause ParseWith()
    {
        var start = _p;
        ExpectKeyword(Keyword.WITH);
        var recursive = AcceptKeyword(Keyword.RECURSIVE);
        var ctes = new List<CommonTableExpression>();
        do
        {
            var cteStart = _p;
            var name = ParseIdentifier();
            IReadOnlyList<Identifier> columns = At(TokenKind.LeftParen) ? ParseIdentifierList() : [];
            ExpectKeyword(Keyword.AS);
            var materialization = CteMaterialization.Default;
            if (AcceptKeyword(Keyword.MATERIALIZED))
            {
                materialization = CteMaterialization.Materialized;
            }
            else if (AtKeyword(Keyword.NOT) && PeekKeyword(1, Keyword.MATERIALIZED))
            {
                _p += 2;
                materialization = CteMaterialization.NotMaterialized;
            }

            Expect(TokenKind.LeftParen, "'(' before the CTE's query");
            var query = ParseQuery();
            Expect(TokenKind.RightParen, "')' after the CTE's query");
            ctes.Add(new CommonTableExpression(SpanFrom(cteStart), name, columns, materialization, query));
        }
        while (Accept(TokenKind.Comma));

        return new WithClause(SpanFrom(start), recursive, ctes);
    }

    private static int SetPrecedence(Keyword keyword) => keyword switch
    {
        Keyword.UNION or Keyword.EXCEPT => 1,
        Keyword.INTERSECT => 2,
        _ => 0,
    };

    /// <summary>Set operations by precedence climbing (INTERSECT binds tighter than UNION/EXCEPT); chains are built in a loop.</summary>
    private QueryBody ParseSetExpression(int minPrecedence, QueryBody? first)
    {
        var left = first ?? ParseSetPrimary();
        while (At(TokenKind.Word))
        {
            var keyword = Current.Keyword;
            var precedence = SetPrecedence(keyword);
            if (precedence == 0 || precedence < minPrecedence || left is DataChangeBody)
            {
                break;
            }

            _p++;
            var quantifier = AcceptKeyword(Keyword.ALL) ? SetQuantifier.All
                : AcceptKeyword(Keyword.DISTINCT) ? SetQuantifier.Distinct
                : SetQuantifier.None;
            var right = ParseSetExpression(precedence + 1, null);
            var op = keyword switch
            {
                Keyword.UNION => SetOperator.Union,
                Keyword.INTERSECT => SetOperator.Intersect,
                _ => SetOperator.Except,
            };
            left = new SetOperationBody(Cover(left, right), op, quantifier, left, right);
        }

        return left;
    }

    private QueryBody ParseSetPrimary()
    {
        var start = _p;
        if (At(TokenKind.LeftParen))
        {
            _p++;
            var inner = ParseQuery();
            Expect(TokenKind.RightParen, "')'");
            return new NestedQueryBody(SpanFrom(start), inner);
        }

        if (!At(TokenKind.Word))
        {
            throw Unexpected("SELECT, VALUES or a parenthesised query");
        }

        switch (Current.Keyword)
        {
            case Keyword.SELECT:
                return ParseSelectBody();
            case Keyword.VALUES:
                return ParseValuesBody();
            case Keyword.TABLE:
                _p++;
                var tableStart = _p;
                var name = ParseObjectName();
                return new TableBody(SpanFrom(start), new NamedTable(SpanFrom(tableStart), name, null));
            case Keyword.INSERT:
                return ParseDataChange(StatementKind.Insert);
            case Keyword.UPDATE:
                return ParseDataChange(StatementKind.Update);
            case Keyword.DELETE:
                return ParseDataChange(StatementKind.Delete);
            case Keyword.MERGE:
                return ParseDataChange(StatementKind.Merge);
            case Keyword.REPLACE:
                return ParseDataChange(StatementKind.Replace);
            default:
                throw Unexpected("SELECT, VALUES or a parenthesised query");
        }
    }

    /// <summary>Recognises DML where a query was expected (writable CTEs, <c>WITH ... DELETE</c>) and skips its body.</summary>
    private DataChangeBody ParseDataChange(StatementKind operation)
    {
        var start = _p;
        _p++;
        while (AcceptKeyword(Keyword.INTO) || AcceptKeyword(Keyword.FROM) || AcceptKeyword(Keyword.ONLY) || AcceptKeyword(Keyword.IGNORE))
        {
        }

        ObjectName? target = null;
        if (IsIdentifierToken(Current, allowReserved: false))
        {
            target = ParseObjectName();
        }

        SkipToStatementEnd(stopAtCloseParen: true);
        return new DataChangeBody(SpanFrom(start), operation, target);
    }

    private ValuesBody ParseValuesBody()
    {
        var start = _p;
        ExpectKeyword(Keyword.VALUES);
        var rows = new List<RowExpression>();
        do
        {
            var rowStart = _p;
            var explicitRow = AcceptKeyword(Keyword.ROW);
            Expect(TokenKind.LeftParen, "'(' before a row of VALUES");
            var items = ParseExpressionList();
            Expect(TokenKind.RightParen, "')' after a row of VALUES");
            rows.Add(new RowExpression(SpanFrom(rowStart), items, explicitRow));
        }
        while (Accept(TokenKind.Comma));

        return new ValuesBody(SpanFrom(start), rows);
    }

    private List<OrderByItem> ParseOrderByList()
    {
        var items = new List<OrderByItem>();
        do
        {
            var start = _p;
            var expression = ParseExpression();
            var direction = AcceptKeyword(Keyword.ASC) ? SortDirection.Ascending
                : AcceptKeyword(Keyword.DESC) ? SortDirection.Descending
                : SortDirection.Default;
            var nulls = NullsOrder.Default;
            if (AtKeyword(Keyword.NULLS) && (PeekKeyword(1, Keyword.FIRST) || PeekKeyword(1, Keyword.LAST)))
            {
                nulls = PeekKeyword(1, Keyword.FIRST) ? NullsOrder.First : NullsOrder.Last;
                _p += 2;
            }

            items.Add(new OrderByItem(SpanFrom(start), expression, direction, nulls));
        }
        while (Accept(TokenKind.Comma));

        return items;
    }

    private LimitClause ParseLimit()
    {
        var start = _p;
        Expression? count = null;
        Expression? offset = null;
        TextSpan? allKeyword = null;
        var syntax = LimitSyntax.OffsetOnly;
        bool all = false, ties = false, sawLimit = false, sawOffset = false;
        while (true)
        {
            if (!sawLimit && AtKeyword(Keyword.LIMIT))
            {
                _p++;
                sawLimit = true;
                syntax = LimitSyntax.Limit;
                if (AtKeyword(Keyword.ALL))
                {
                    all = true;
                    allKeyword = new TextSpan(Current.Start, Current.Length);
                    _p++;
                    continue;
                }

                var first = ParseExpression();
                if (_d.LimitCommaOffset && !sawOffset && Accept(TokenKind.Comma))
                {
                    offset = first;
                    sawOffset = true;
                    count = ParseExpression();
                    syntax = LimitSyntax.LimitCommaOffset;
                }
                else
                {
                    count = first;
                }
            }
            else if (!sawOffset && AtKeyword(Keyword.OFFSET))
            {
                _p++;
                sawOffset = true;
                offset = ParseExpression();
                _ = AcceptKeyword(Keyword.ROW) || AcceptKeyword(Keyword.ROWS);
            }
            else if (!sawLimit && _d.FetchFirst && AtKeyword(Keyword.FETCH))
            {
                _p++;
                sawLimit = true;
                syntax = LimitSyntax.Fetch;
                if (!AcceptKeyword(Keyword.FIRST) && !AcceptKeyword(Keyword.NEXT))
                {
                    throw Unexpected("FIRST or NEXT");
                }

                if (!AtKeyword(Keyword.ROW) && !AtKeyword(Keyword.ROWS))
                {
                    count = ParseAdditive();
                }

                if (!AcceptKeyword(Keyword.ROW) && !AcceptKeyword(Keyword.ROWS))
                {
                    throw Unexpected("ROW or ROWS");
                }

                if (AcceptKeywords(Keyword.WITH, Keyword.TIES))
                {
                    ties = true;
                }
                else
                {
                    ExpectKeyword(Keyword.ONLY);
                }
            }
            else
            {
                break;
            }
        }

        return new LimitClause(SpanFrom(start), syntax, count, offset, all, ties, allKeyword);
    }

    private LockingClause ParseLocking()
    {
        var start = _p;
        LockStrength strength;
        if (AcceptKeyword(Keyword.LOCK))
        {
            ExpectKeyword(Keyword.IN);
            ExpectKeyword(Keyword.SHARE);
            ExpectKeyword(Keyword.MODE);
            return new LockingClause(SpanFrom(start), LockStrength.LockInShareMode, [], LockWait.Wait);
        }

        ExpectKeyword(Keyword.FOR);
        if (AcceptKeyword(Keyword.UPDATE))
        {
            strength = LockStrength.Update;
        }
        else if (AcceptKeyword(Keyword.SHARE))
        {
            strength = LockStrength.Share;
        }
        else if (AcceptKeywords(Keyword.NO, Keyword.KEY))
        {
            ExpectKeyword(Keyword.UPDATE);
            strength = LockStrength.NoKeyUpdate;
        }
        else if (AcceptKeywords(Keyword.KEY, Keyword.SHARE))
        {
            strength = LockStrength.KeyShare;
        }
        else
        {
            throw Unexpected("UPDATE, SHARE, NO KEY UPDATE or KEY SHARE");
        }

        var of = new List<ObjectName>();
        if (AcceptKeyword(Keyword.OF))
        {
            do
            {
                of.Add(ParseObjectName());
            }
            while (Accept(TokenKind.Comma));
        }

        var wait = LockWait.Wait;
        if (AcceptKeyword(Keyword.NOWAIT))
        {
            wait = LockWait.NoWait;
        }
        else if (AcceptKeywords(Keyword.SKIP, Keyword.LOCKED))
        {
            wait = LockWait.SkipLocked;
        }
        else if (AtWord("WAIT") && PeekKind(1, TokenKind.Number))
        {
            _p += 2;
        }

        return new LockingClause(SpanFrom(start), strength, of, wait);
    }
}
