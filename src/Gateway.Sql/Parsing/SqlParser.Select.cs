using Gateway.Sql.Ast;
using Gateway.Sql.Lexing;

namespace Gateway.Sql.Parsing;

internal sealed partial class SqlParser
{
    private SelectBody ParseSelectBody()
    {
        var start = _p;
        ExpectKeyword(Keyword.SELECT);
        var quantifier = SetQuantifier.None;
        IReadOnlyList<Expression> distinctOn = [];
        if (AcceptKeyword(Keyword.ALL))
        {
            quantifier = SetQuantifier.All;
        }
        else if (AcceptKeyword(Keyword.DISTINCT) || (_d.MySqlSelectExtensions && AcceptKeyword(Keyword.DISTINCTROW)))
        {
            quantifier = SetQuantifier.Distinct;
            if (_d.DistinctOn && AcceptKeyword(Keyword.ON))
            {
                Expect(TokenKind.LeftParen, "'(' after DISTINCT ON");
                distinctOn = ParseExpressionList();
                Expect(TokenKind.RightParen, "')'");
            }
        }

        if (_d.MySqlSelectExtensions)
        {
            SkipMySqlSelectModifiers();
        }

        var items = AtSelectListEnd() ? [] : ParseSelectItems();
        var into = AtKeyword(Keyword.INTO) ? ParseInto() : null;
        IReadOnlyList<TableSource> from = [];
        if (AcceptKeyword(Keyword.FROM))
        {
            from = ParseFromList();
        }

        var where = AcceptKeyword(Keyword.WHERE) ? ParseExpression() : null;
        var groupBy = AtKeyword(Keyword.GROUP) && PeekKeyword(1, Keyword.BY) ? ParseGroupBy() : null;
        var having = AcceptKeyword(Keyword.HAVING) ? ParseExpression() : null;
        IReadOnlyList<WindowDefinition> windows = AtKeyword(Keyword.WINDOW) ? ParseWindowClause() : [];
        return new SelectBody(SpanFrom(start), quantifier, distinctOn, items, into, from, where, groupBy, having, windows);
    }

    private void SkipMySqlSelectModifiers()
    {
        while (At(TokenKind.Word))
        {
            switch (Current.Keyword)
            {
                case Keyword.HIGH_PRIORITY:
                case Keyword.STRAIGHT_JOIN:
                case Keyword.SQL_SMALL_RESULT:
                case Keyword.SQL_BIG_RESULT:
                case Keyword.SQL_BUFFER_RESULT:
                case Keyword.SQL_NO_CACHE:
                case Keyword.SQL_CACHE:
                case Keyword.SQL_CALC_FOUND_ROWS:
                    _p++;
                    break;
                default:
                    return;
            }
        }
    }

    /// <summary>PostgreSQL allows an empty select list (<c>SELECT FROM t</c>).</summary>
    private bool AtSelectListEnd()
    {
        if (!_d.DistinctOn)
        {
            return false;
        }

        return At(TokenKind.EndOfInput) || At(TokenKind.Semicolon) || At(TokenKind.RightParen)
            || AtKeyword(Keyword.FROM) || AtKeyword(Keyword.WHERE) || AtKeyword(Keyword.INTO)
            || AtKeyword(Keyword.UNION) || AtKeyword(Keyword.EXCEPT) || AtKeyword(Keyword.INTERSECT);
    }

    private List<SelectItem> ParseSelectItems()
    {
        var items = new List<SelectItem>();
        do
        {
            var start = _p;
            Expression expression;
            if (At(TokenKind.Star))
            {
                _p++;
                expression = new StarExpression(SpanFrom(start), null);
            }
            else
            {
                expression = ParseExpression();
            }

            Identifier? alias = null;
            if (AcceptKeyword(Keyword.AS))
            {
                alias = ParseAlias(afterAs: true);
            }
            else if (expression is not StarExpression && AtBareAlias())
            {
                alias = ParseAlias(afterAs: false);
            }

            items.Add(new SelectItem(SpanFrom(start), expression, alias));
        }
        while (Accept(TokenKind.Comma));

        return items;
    }

    /// <summary>A column alias: an identifier, any keyword after AS, or (MySQL, SQLite) a string.</summary>
    private bool AtBareAlias() =>
        IsIdentifierToken(Current, allowReserved: false) || (At(TokenKind.String) && !_d.TypedStringLiterals);

    private Identifier ParseAlias(bool afterAs)
    {
        if (At(TokenKind.String) && !_d.TypedStringLiterals)
        {
            var token = Current;
            _p++;
            return new Identifier(new TextSpan(token.Start, token.Length), token.Text(_sql)[1..^1], Quoted: true);
        }

        return ParseIdentifier(allowReserved: afterAs);
    }

    private IntoClause ParseInto()
    {
        var start = _p;
        ExpectKeyword(Keyword.INTO);
        if (AcceptKeyword(Keyword.OUTFILE) || AcceptKeyword(Keyword.DUMPFILE))
        {
            var kind = _tokens[_p - 1].Keyword == Keyword.OUTFILE ? IntoKind.Outfile : IntoKind.Dumpfile;
            var file = ParsePrimary();
            SkipExportOptions();
            return new IntoClause(SpanFrom(start), kind, null, file, []);
        }

        if (At(TokenKind.UserVariable) || (At(TokenKind.Word) && _d.UserVariables))
        {
            var variables = new List<Expression>();
            do
            {
                variables.Add(ParsePrimary());
            }
            while (Accept(TokenKind.Comma));

            return new IntoClause(SpanFrom(start), IntoKind.Variables, null, null, variables);
        }

        while (AtWord("TEMP") || AtWord("TEMPORARY") || AtWord("UNLOGGED") || AtKeyword(Keyword.TABLE))
        {
            _p++;
        }

        var table = ParseObjectName();
        return new IntoClause(SpanFrom(start), IntoKind.Table, table, null, []);
    }

    /// <summary>MySQL's <c>FIELDS TERMINATED BY ',' ... LINES ...</c> and <c>CHARACTER SET x</c> after INTO OUTFILE.</summary>
    private void SkipExportOptions()
    {
        while (true)
        {
            if (At(TokenKind.String))
            {
                _p++;
                continue;
            }

            if (!At(TokenKind.Word))
            {
                return;
            }

            switch (Current.Keyword)
            {
                case Keyword.FIELDS:
                case Keyword.COLUMNS:
                case Keyword.LINES:
                case Keyword.TERMINATED:
                case Keyword.OPTIONALLY:
                case Keyword.ENCLOSED:
                case Keyword.ESCAPED:
                case Keyword.STARTING:
                case Keyword.BY:
                    _p++;
                    break;
                case Keyword.CHARACTER when PeekKeyword(1, Keyword.SET):
                    _p += 3;
                    break;
                case Keyword.CHARSET:
                    _p += 2;
                    break;
                default:
                    return;
            }
        }
    }

    private GroupByClause ParseGroupBy()
    {
        var start = _p;
        _p += 2;
        var quantifier = AcceptKeyword(Keyword.ALL) ? SetQuantifier.All
            : AcceptKeyword(Keyword.DISTINCT) ? SetQuantifier.Distinct
            : SetQuantifier.None;
        var items = new List<Expression>();
        do
        {
            items.Add(ParseGroupingElement());
        }
        while (Accept(TokenKind.Comma));

        var withRollup = AcceptKeywords(Keyword.WITH, Keyword.ROLLUP);
        return new GroupByClause(SpanFrom(start), quantifier, items, withRollup);
    }

    private Expression ParseGroupingElement()
    {
        var start = _p;
        if (At(TokenKind.LeftParen) && PeekKind(1, TokenKind.RightParen))
        {
            _p += 2;
            return new RowExpression(SpanFrom(start), [], ExplicitRow: false);
        }

        if ((AtKeyword(Keyword.ROLLUP) || AtKeyword(Keyword.CUBE)) && PeekKind(1, TokenKind.LeftParen))
        {
            var rollup = AtKeyword(Keyword.ROLLUP);
            _p += 2;
            var items = ParseExpressionList();
            Expect(TokenKind.RightParen, "')'");
            return rollup ? new RollupExpression(SpanFrom(start), items) : new CubeExpression(SpanFrom(start), items);
        }

        if (AtKeyword(Keyword.GROUPING) && PeekKeyword(1, Keyword.SETS))
        {
            _p += 2;
            Expect(TokenKind.LeftParen, "'(' after GROUPING SETS");
            Enter();
            var sets = new List<Expression>();
            do
            {
                sets.Add(ParseGroupingElement());
            }
            while (Accept(TokenKind.Comma));

            Leave();
            Expect(TokenKind.RightParen, "')'");
            return new GroupingSetsExpression(SpanFrom(start), sets);
        }

        return ParseExpression();
    }

    private List<WindowDefinition> ParseWindowClause()
    {
        ExpectKeyword(Keyword.WINDOW);
        var windows = new List<WindowDefinition>();
        do
        {
            var start = _p;
            var name = ParseIdentifier();
            ExpectKeyword(Keyword.AS);
            var spec = ParseWindowSpec();
            windows.Add(new WindowDefinition(SpanFrom(start), name, spec));
        }
        while (Accept(TokenKind.Comma));

        return windows;
    }

    private WindowSpec ParseWindowSpec()
    {
        var start = _p;
        Expect(TokenKind.LeftParen, "'(' to open a window specification");
        Identifier? baseWindow = null;
        if (IsIdentifierToken(Current, allowReserved: false) && !AtKeyword(Keyword.PARTITION) && !AtKeyword(Keyword.ROWS)
            && !AtKeyword(Keyword.RANGE) && !AtKeyword(Keyword.GROUPS))
        {
            baseWindow = ParseIdentifier();
        }

        IReadOnlyList<Expression> partitionBy = [];
        if (AtKeyword(Keyword.PARTITION) && PeekKeyword(1, Keyword.BY))
        {
            _p += 2;
            partitionBy = ParseExpressionList();
        }

        IReadOnlyList<OrderByItem> orderBy = [];
        if (AtKeyword(Keyword.ORDER) && PeekKeyword(1, Keyword.BY))
        {
            _p += 2;
            orderBy = ParseOrderByList();
        }

        var frame = AtKeyword(Keyword.ROWS) || AtKeyword(Keyword.RANGE) || AtKeyword(Keyword.GROUPS) ? ParseWindowFrame() : null;
        Expect(TokenKind.RightParen, "')' to close the window specification");
        return new WindowSpec(SpanFrom(start), baseWindow, partitionBy, orderBy, frame);
    }

    private WindowFrame ParseWindowFrame()
    {
        var start = _p;
        var units = Current.Keyword switch
        {
            Keyword.ROWS => FrameUnits.Rows,
            Keyword.RANGE => FrameUnits.Range,
            _ => FrameUnits.Groups,
        };
        _p++;
        FrameBound first;
        FrameBound? second = null;
        if (AcceptKeyword(Keyword.BETWEEN))
        {
            first = ParseFrameBound();
            ExpectKeyword(Keyword.AND);
            second = ParseFrameBound();
        }
        else
        {
            first = ParseFrameBound();
        }

        var exclusion = FrameExclusion.None;
        if (AcceptKeyword(Keyword.EXCLUDE))
        {
            if (AcceptKeywords(Keyword.CURRENT, Keyword.ROW)) exclusion = FrameExclusion.CurrentRow;
            else if (AcceptKeyword(Keyword.GROUP)) exclusion = FrameExclusion.Group;
            else if (AcceptKeyword(Keyword.TIES)) exclusion = FrameExclusion.Ties;
            else if (AcceptKeywords(Keyword.NO, Keyword.OTHERS)) exclusion = FrameExclusion.NoOthers;
            else throw Unexpected("CURRENT ROW, GROUP, TIES or NO OTHERS");
        }

        return new WindowFrame(SpanFrom(start), units, first, second, exclusion);
    }

    private FrameBound ParseFrameBound()
    {
        var start = _p;
        if (AcceptKeyword(Keyword.UNBOUNDED))
        {
            if (AcceptKeyword(Keyword.PRECEDING)) return new FrameBound(SpanFrom(start), FrameBoundKind.UnboundedPreceding, null);
            ExpectKeyword(Keyword.FOLLOWING);
            return new FrameBound(SpanFrom(start), FrameBoundKind.UnboundedFollowing, null);
        }

        if (AcceptKeywords(Keyword.CURRENT, Keyword.ROW))
        {
            return new FrameBound(SpanFrom(start), FrameBoundKind.CurrentRow, null);
        }

        var offset = ParseAdditive();
        if (AcceptKeyword(Keyword.PRECEDING)) return new FrameBound(SpanFrom(start), FrameBoundKind.Preceding, offset);
        ExpectKeyword(Keyword.FOLLOWING);
        return new FrameBound(SpanFrom(start), FrameBoundKind.Following, offset);
    }
}
