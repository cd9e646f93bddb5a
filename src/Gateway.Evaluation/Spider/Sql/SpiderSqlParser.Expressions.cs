namespace Gateway.Evaluation.Spider.Sql;

/// <summary>The expression half of the port: conditions, values, val_units, col_units and column names.</summary>
internal sealed partial class SpiderSqlParser
{
    /// <summary>parse_condition: cond_units joined by and/or, ending at a clause keyword, ')', ';' or a join keyword.</summary>
    private (int Next, List<ConditionElement> Conds) ParseCondition(IReadOnlyList<string> toks, int start, List<string> defaultTables)
    {
        var idx = start;
        var conds = new List<ConditionElement>();
        while (idx < toks.Count)
        {
            (idx, var valUnit) = ParseValUnit(toks, idx, defaultTables);
            var not = false;
            if (Tok(toks, idx) == "not")
            {
                not = true;
                idx++;
            }

            var opIndex = idx < toks.Count ? Array.IndexOf(WhereOps, toks[idx]) : -1;
            if (opIndex < 0)
            {
                throw new SpiderParseException($"Error condition: idx: {idx}");
            }

            idx++;
            SqlValue? value2 = null;
            (idx, var value1) = ParseValue(toks, idx, defaultTables);
            if ((WhereOp)opIndex == WhereOp.Between)
            {
                Expect(toks, idx, "and");
                idx++;
                (idx, value2) = ParseValue(toks, idx, defaultTables);
            }

            conds.Add(new CondUnit(not, (WhereOp)opIndex, valUnit, value1, value2));
            if (idx < toks.Count && (ClauseKeywords.Contains(toks[idx]) || toks[idx] is ")" or ";" || JoinKeywords.Contains(toks[idx])))
            {
                break;
            }

            if (idx < toks.Count && CondOps.Contains(toks[idx]))
            {
                conds.Add(new Connector(toks[idx]));
                idx++;
            }
        }

        return (idx, conds);
    }

    private (int Next, SqlValue Value) ParseValue(IReadOnlyList<string> toks, int start, List<string> defaultTables)
    {
        var idx = start;
        var isBlock = false;
        if (Tok(toks, idx) == "(")
        {
            isBlock = true;
            idx++;
        }

        SqlValue value;
        var tok = Tok(toks, idx);
        if (tok == "select")
        {
            (idx, var nested) = ParseSql(toks, idx);
            value = new NestedQueryValue(nested);
        }
        else if (tok.Contains('"', StringComparison.Ordinal))
        {
            value = new TextValue(tok);
            idx++;
        }
        else if (PythonFloat.TryParse(tok, out var number))
        {
            value = new NumberValue(number);
            idx++;
        }
        else
        {
            // Not a literal: Spider reads a column from the tokens up to the next separator, then skips to it.
            var end = idx;
            while (end < toks.Count && toks[end] is not ("," or ")" or "and")
                   && !ClauseKeywords.Contains(toks[end]) && !JoinKeywords.Contains(toks[end]))
            {
                end++;
            }

            var slice = toks.Skip(start).Take(end - start).ToList();
            (_, var column) = ParseColUnit(slice, 0, defaultTables);
            value = new ColumnValue(column);
            idx = end;
        }

        if (isBlock)
        {
            Expect(toks, idx, ")");
            idx++;
        }

        return (idx, value);
    }

    private (int Next, ValUnit Value) ParseValUnit(IReadOnlyList<string> toks, int start, List<string> defaultTables)
    {
        var idx = start;
        var isBlock = false;
        if (Tok(toks, idx) == "(")
        {
            isBlock = true;
            idx++;
        }

        (idx, var left) = ParseColUnit(toks, idx, defaultTables);
        ColUnit? right = null;
        var op = UnitOp.None;
        var opIndex = idx < toks.Count ? Array.IndexOf(UnitOps, toks[idx]) : -1;
        if (opIndex >= 0)
        {
            op = (UnitOp)opIndex;
            idx++;
            (idx, right) = ParseColUnit(toks, idx, defaultTables);
        }

        if (isBlock)
        {
            Expect(toks, idx, ")");
            idx++;
        }

        return (idx, new ValUnit(op, left, right));
    }

    private (int Next, ColUnit Column) ParseColUnit(IReadOnlyList<string> toks, int start, List<string> defaultTables)
    {
        var idx = start;
        var isBlock = false;
        var distinct = false;
        if (Tok(toks, idx) == "(")
        {
            isBlock = true;
            idx++;
        }

        var aggIndex = Array.IndexOf(AggOps, Tok(toks, idx));
        if (aggIndex >= 0)
        {
            idx++;
            Expect(toks, idx, "(");
            idx++;
            if (Tok(toks, idx) == "distinct")
            {
                idx++;
                distinct = true;
            }

            (idx, var id) = ParseCol(toks, idx, defaultTables);
            Expect(toks, idx, ")");
            idx++;

            // Spider returns here without closing an opening parenthesis; so does this port.
            return (idx, new ColUnit((AggOp)aggIndex, id, distinct));
        }

        if (toks[idx] == "distinct")
        {
            idx++;
            distinct = true;
        }

        (idx, var columnId) = ParseCol(toks, idx, defaultTables);
        if (isBlock)
        {
            Expect(toks, idx, ")");
            idx++;
        }

        return (idx, new ColUnit(AggOp.None, columnId, distinct));
    }

    private (int Next, string Id) ParseCol(IReadOnlyList<string> toks, int start, List<string> defaultTables)
    {
        var tok = Tok(toks, start);
        if (tok == "*")
        {
            return (start + 1, _schema.Id("*"));
        }

        if (tok.Contains('.', StringComparison.Ordinal))
        {
            var parts = tok.Split('.');
            if (parts.Length != 2)
            {
                throw new SpiderParseException($"bad column reference '{tok}'");
            }

            return (start + 1, _schema.Id(Alias(parts[0]) + "." + parts[1]));
        }

        if (defaultTables.Count == 0)
        {
            throw new SpiderParseException("Default tables should not be None or empty");
        }

        foreach (var alias in defaultTables)
        {
            var table = Alias(alias);
            if (_schema.HasColumn(table, tok))
            {
                return (start + 1, _schema.Id(table + "." + tok));
            }
        }

        throw new SpiderParseException($"Error col: {tok}");
    }

    private string Alias(string name) =>
        _tablesWithAlias.TryGetValue(name, out var table) ? table : throw new SpiderParseException($"unknown table or alias '{name}'");

    private static string Tok(IReadOnlyList<string> toks, int idx) =>
        idx < toks.Count ? toks[idx] : throw new SpiderParseException("unexpected end of query");

    private static void Expect(IReadOnlyList<string> toks, int idx, string expected)
    {
        if (Tok(toks, idx) != expected)
        {
            throw new SpiderParseException($"expected '{expected}' at token {idx}, found '{toks[idx]}'");
        }
    }
}
