using System.Globalization;

namespace Gateway.Evaluation.Spider.Sql;

/// <summary>
/// A port of Spider's <c>process_sql.get_sql</c>, step for step: the same token walk, the same defaults and the same
/// failures, so that what the official evaluator rejects is rejected here and what it accepts parses to the same structure.
/// Every failure surfaces as <see cref="SpiderParseException"/>.
/// </summary>
internal sealed partial class SpiderSqlParser
{
    private const int MaxNesting = 64;

    private static readonly string[] ClauseKeywords = ["select", "from", "where", "group", "order", "limit", "intersect", "union", "except"];
    private static readonly string[] JoinKeywords = ["join", "on", "as"];
    private static readonly string[] WhereOps = ["not", "between", "=", ">", "<", ">=", "<=", "!=", "in", "like", "is", "exists"];
    private static readonly string[] UnitOps = ["none", "-", "+", "*", "/"];
    private static readonly string[] AggOps = ["none", "max", "min", "count", "sum", "avg"];
    private static readonly string[] CondOps = ["and", "or"];
    private static readonly string[] SqlOps = ["intersect", "union", "except"];
    private static readonly string[] OrderOps = ["desc", "asc"];

    private readonly SpiderNameSchema _schema;
    private readonly Dictionary<string, string> _tablesWithAlias;
    private int _depth;

    private SpiderSqlParser(SpiderNameSchema schema, Dictionary<string, string> tablesWithAlias)
    {
        _schema = schema;
        _tablesWithAlias = tablesWithAlias;
    }

    public static SpiderSql Parse(SpiderNameSchema schema, string sql)
    {
        try
        {
            var tokens = SpiderTokenizer.Tokenize(sql);
            var parser = new SpiderSqlParser(schema, TablesWithAlias(schema, tokens));
            return parser.ParseSql(tokens, 0).Sql;
        }
        catch (Exception ex) when (ex is ArgumentException or IndexOutOfRangeException or KeyNotFoundException or InvalidOperationException)
        {
            throw new SpiderParseException(ex.Message, ex);
        }
    }

    /// <summary>get_tables_with_alias: every <c>x AS y</c> maps y to x, and every table maps to itself.</summary>
    private static Dictionary<string, string> TablesWithAlias(SpiderNameSchema schema, IReadOnlyList<string> toks)
    {
        var tables = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var idx = 0; idx < toks.Count; idx++)
        {
            if (toks[idx] == "as")
            {
                tables[Tok(toks, idx + 1)] = toks[idx == 0 ? toks.Count - 1 : idx - 1];
            }
        }

        foreach (var table in schema.TableNames)
        {
            if (tables.ContainsKey(table))
            {
                throw new SpiderParseException($"Alias {table} has the same name in table");
            }

            tables[table] = table;
        }

        return tables;
    }

    private (int Next, SpiderSql Sql) ParseSql(IReadOnlyList<string> toks, int start)
    {
        if (++_depth > MaxNesting)
        {
            throw new SpiderParseException("queries nested too deeply");
        }

        var isBlock = false;
        var idx = start;
        if (Tok(toks, idx) == "(")
        {
            isBlock = true;
            idx++;
        }

        var (fromEnd, tableUnits, fromConds, defaultTables) = ParseFrom(toks, start);
        var (_, select) = ParseSelect(toks, idx, defaultTables);
        idx = fromEnd;
        (idx, var where) = ParseFilter(toks, idx, "where", defaultTables);
        (idx, var groupBy) = ParseGroupBy(toks, idx, defaultTables);
        (idx, var having) = ParseFilter(toks, idx, "having", defaultTables);
        (idx, var orderBy) = ParseOrderBy(toks, idx, defaultTables);
        (idx, var limit) = ParseLimit(toks, idx);
        idx = SkipSemicolons(toks, idx);
        if (isBlock)
        {
            Expect(toks, idx, ")");
            idx++;
        }

        idx = SkipSemicolons(toks, idx);
        SpiderSql? intersect = null, except = null, union = null;
        if (idx < toks.Count && SqlOps.Contains(toks[idx]))
        {
            var op = toks[idx];
            idx++;
            (idx, var nested) = ParseSql(toks, idx);
            (intersect, except, union) = op switch
            {
                "intersect" => (nested, (SpiderSql?)null, (SpiderSql?)null),
                "except" => (null, nested, null),
                _ => (null, null, nested),
            };
        }

        _depth--;
        var sql = new SpiderSql(select, new FromClause(ValueList.From(tableUnits), ValueList.From(fromConds)),
            where, groupBy, having, orderBy, limit, intersect, except, union);
        return (idx, sql);
    }

    private (int Next, List<TableUnit> Units, List<ConditionElement> Conds, List<string> DefaultTables) ParseFrom(IReadOnlyList<string> toks, int start)
    {
        var from = -1;
        for (var i = start; i < toks.Count; i++)
        {
            if (toks[i] == "from")
            {
                from = i;
                break;
            }
        }

        if (from < 0)
        {
            throw new SpiderParseException("'from' not found");
        }

        var idx = from + 1;
        var defaultTables = new List<string>();
        var units = new List<TableUnit>();
        var conds = new List<ConditionElement>();
        while (idx < toks.Count)
        {
            var isBlock = false;
            if (toks[idx] == "(")
            {
                isBlock = true;
                idx++;
            }

            if (Tok(toks, idx) == "select")
            {
                (idx, var nested) = ParseSql(toks, idx);
                units.Add(new TableUnit(null, nested));
            }
            else
            {
                if (idx < toks.Count && toks[idx] == "join")
                {
                    idx++;
                }

                var key = Alias(Tok(toks, idx));
                idx += idx + 1 < toks.Count && toks[idx + 1] == "as" ? 3 : 1;
                units.Add(new TableUnit(_schema.Id(key), null));
                defaultTables.Add(key);
            }

            if (idx < toks.Count && toks[idx] == "on")
            {
                idx++;
                (idx, var these) = ParseCondition(toks, idx, defaultTables);
                if (conds.Count > 0)
                {
                    conds.Add(Connector.And);
                }

                conds.AddRange(these);
            }

            if (isBlock)
            {
                Expect(toks, idx, ")");
                idx++;
            }

            if (idx < toks.Count && (ClauseKeywords.Contains(toks[idx]) || toks[idx] is ")" or ";"))
            {
                break;
            }
        }

        return (idx, units, conds, defaultTables);
    }

    private (int Next, SelectClause Select) ParseSelect(IReadOnlyList<string> toks, int start, List<string> defaultTables)
    {
        var idx = start;
        Expect(toks, idx, "select");
        idx++;
        var distinct = false;
        if (idx < toks.Count && toks[idx] == "distinct")
        {
            idx++;
            distinct = true;
        }

        var items = new List<SelectItem>();
        while (idx < toks.Count && !ClauseKeywords.Contains(toks[idx]))
        {
            var agg = AggOp.None;
            var aggIndex = Array.IndexOf(AggOps, toks[idx]);
            if (aggIndex >= 0)
            {
                agg = (AggOp)aggIndex;
                idx++;
            }

            (idx, var value) = ParseValUnit(toks, idx, defaultTables);
            items.Add(new SelectItem(agg, value));
            if (idx < toks.Count && toks[idx] == ",")
            {
                idx++;
            }
        }

        return (idx, new SelectClause(distinct, ValueList.From(items)));
    }

    /// <summary>parse_where and parse_having: the keyword, then a condition list; absent means an empty list.</summary>
    private (int Next, ValueList<ConditionElement> Conds) ParseFilter(IReadOnlyList<string> toks, int start, string keyword, List<string> defaultTables)
    {
        if (start >= toks.Count || toks[start] != keyword)
        {
            return (start, ValueList<ConditionElement>.Empty);
        }

        var (idx, conds) = ParseCondition(toks, start + 1, defaultTables);
        return (idx, ValueList.From(conds));
    }

    private (int Next, ValueList<ColUnit> Columns) ParseGroupBy(IReadOnlyList<string> toks, int start, List<string> defaultTables)
    {
        var idx = start;
        var columns = new List<ColUnit>();
        if (idx >= toks.Count || toks[idx] != "group")
        {
            return (idx, ValueList<ColUnit>.Empty);
        }

        idx++;
        Expect(toks, idx, "by");
        idx++;
        while (idx < toks.Count && !(ClauseKeywords.Contains(toks[idx]) || toks[idx] is ")" or ";"))
        {
            (idx, var column) = ParseColUnit(toks, idx, defaultTables);
            columns.Add(column);
            if (idx < toks.Count && toks[idx] == ",")
            {
                idx++;
            }
            else
            {
                break;
            }
        }

        return (idx, ValueList.From(columns));
    }

    private (int Next, OrderByClause? OrderBy) ParseOrderBy(IReadOnlyList<string> toks, int start, List<string> defaultTables)
    {
        var idx = start;
        if (idx >= toks.Count || toks[idx] != "order")
        {
            return (idx, null);
        }

        idx++;
        Expect(toks, idx, "by");
        idx++;
        var direction = "asc";
        var items = new List<ValUnit>();
        while (idx < toks.Count && !(ClauseKeywords.Contains(toks[idx]) || toks[idx] is ")" or ";"))
        {
            (idx, var item) = ParseValUnit(toks, idx, defaultTables);
            items.Add(item);
            if (idx < toks.Count && OrderOps.Contains(toks[idx]))
            {
                direction = toks[idx];
                idx++;
            }

            if (idx < toks.Count && toks[idx] == ",")
            {
                idx++;
            }
            else
            {
                break;
            }
        }

        return (idx, new OrderByClause(direction, ValueList.From(items)));
    }

    private static (int Next, long? Limit) ParseLimit(IReadOnlyList<string> toks, int start)
    {
        if (start < toks.Count && toks[start] == "limit")
        {
            var text = Tok(toks, start + 1);
            return long.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var limit)
                ? (start + 2, limit)
                : throw new SpiderParseException($"invalid limit '{text}'");
        }

        return (start, null);
    }

    private static int SkipSemicolons(IReadOnlyList<string> toks, int start)
    {
        var idx = start;
        while (idx < toks.Count && toks[idx] == ";")
        {
            idx++;
        }

        return idx;
    }
}
