using System.Globalization;
using Gateway.Evaluation.Spider.Sql;

namespace Gateway.Model.TextToSql;

/// <summary>Why a gold query has no action sequence: a stable <see cref="Kind"/> to group by, and a sentence naming the construct.</summary>
public sealed record LinearizeFailure(string Kind, string Detail);

/// <summary>The actions of a gold query, or why there are none.</summary>
public sealed record LinearizeResult(IReadOnlyList<SqlAction>? Actions, LinearizeFailure? Failure)
{
    public bool Succeeded => Actions is not null;
}

/// <summary>
/// Gold SQL -> actions, through Spider's own parse (<c>process_sql</c>), so aliases, defaults and odd spellings are
/// resolved as the evaluator resolves them. Joins are dropped (the renderer derives them from the foreign keys);
/// each literal becomes a pointer to the first value candidate with the same text (exact case first), numbers
/// compare by value, and a LIKE pattern is matched without its surrounding <c>%</c>, which become keywords.
/// </summary>
public static class SqlLinearizer
{
    public static LinearizeResult Linearize(PointerSchema schema, IReadOnlyList<ValueCandidate> values, string sql)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(sql);
        SpiderSql parsed;
        try
        {
            parsed = SpiderSqlParser.Parse(NameSchema(schema), sql);
        }
        catch (SpiderParseException ex)
        {
            return new LinearizeResult(null, new LinearizeFailure("parse", ex.Message));
        }

        try
        {
            var query = new Converter(schema, values).Query(parsed);
            return new LinearizeResult(IrActions.Write(query), null);
        }
        catch (UnsupportedSqlException ex)
        {
            return new LinearizeResult(null, new LinearizeFailure(ex.Kind, ex.Message));
        }
    }

    private static SpiderNameSchema NameSchema(PointerSchema schema) =>
        new(schema.Tables.Select((t, i) => new KeyValuePair<string, IEnumerable<string>>(
            t.Name, schema.Columns.Where(c => c.TableIndex == i).Select(c => c.Name))));

    private sealed class UnsupportedSqlException(string kind, string message) : Exception(message)
    {
        public string Kind { get; } = kind;
    }

    private sealed class Converter
    {
        private readonly PointerSchema _schema;
        private readonly IReadOnlyList<ValueCandidate> _values;
        private readonly Dictionary<string, int> _columnIds = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _tableIds = new(StringComparer.Ordinal);

        public Converter(PointerSchema schema, IReadOnlyList<ValueCandidate> values)
        {
            _schema = schema;
            _values = values;
            _columnIds[SpiderNameSchema.AllColumns] = 0;
            for (var t = 0; t < schema.Tables.Count; t++)
            {
                _tableIds.TryAdd("__" + schema.Tables[t].Name.ToLowerInvariant() + "__", t);
            }

            for (var c = 1; c < schema.Columns.Count; c++)
            {
                var column = schema.Columns[c];
                _columnIds.TryAdd("__" + schema.Tables[column.TableIndex].Name.ToLowerInvariant() + "." + column.Name.ToLowerInvariant() + "__", c);
            }
        }

        public IrQuery Query(SpiderSql sql)
        {
            var tables = new List<int>();
            foreach (var unit in sql.From.TableUnits)
            {
                if (unit.IsQuery)
                {
                    throw new UnsupportedSqlException("from-subquery", "a sub-query in FROM");
                }

                var table = _tableIds.TryGetValue(unit.TableId!, out var t) ? t : throw new UnsupportedSqlException("unknown-name", $"table {unit.TableId}");
                if (tables.Contains(table))
                {
                    throw new UnsupportedSqlException("self-join", $"table {unit.TableId} twice in FROM");
                }

                tables.Add(table);
            }

            if (tables.Count == 0)
            {
                throw new UnsupportedSqlException("no-from", "a query without FROM");
            }

            var select = sql.Select.Items.Select(SelectItem).ToList();
            var where = sql.Where.Count > 0 ? Conditions(sql.Where) : null;
            var groupBy = sql.GroupBy.Select(c => c.Agg == AggOp.None ? Column(c.ColumnId)
                : throw new UnsupportedSqlException("group-by-aggregate", "an aggregate in GROUP BY")).ToList();
            var having = sql.Having.Count > 0 ? Conditions(sql.Having) : null;
            var orderBy = sql.OrderBy?.Items.Select(Expression).ToList() ?? [];
            var direction = sql.OrderBy is null ? null : sql.OrderBy.Direction;
            int? limit = sql.Limit is { } l ? NumberValue(l, "LIMIT") : null;
            var (setOperator, setSql) = sql.Intersect is not null ? ("intersect", sql.Intersect)
                : sql.Except is not null ? ("except", sql.Except)
                : sql.Union is not null ? ("union", sql.Union)
                : ((string?)null, (SpiderSql?)null);
            var setQuery = setSql is null ? null : Query(setSql);
            var query = new IrQuery(tables, sql.Select.Distinct == true, select, where, groupBy, having, orderBy, direction, limit, setOperator, setQuery);
            var gold = GoldJoins(sql.From.Conditions);
            var (joinOn, joinAlso) = CompositeJoins(query, gold);
            return query with { JoinOn = JoinOn(query with { JoinOn = joinOn, JoinAlso = joinAlso }, gold), JoinAlso = joinAlso };
        }

        // A table joined to an earlier one on two or more column pairs has all of them written out.
        private (Dictionary<int, PointerForeignKey> JoinOn, Dictionary<int, IReadOnlyList<PointerForeignKey>> JoinAlso) CompositeJoins(IrQuery query, List<(int A, int B)> gold)
        {
            var joinOn = new Dictionary<int, PointerForeignKey>();
            var joinAlso = new Dictionary<int, IReadOnlyList<PointerForeignKey>>();
            for (var i = 1; i < query.Tables.Count; i++)
            {
                var table = query.Tables[i];
                var pairs = new List<PointerForeignKey>();
                foreach (var (a, b) in gold)
                {
                    var (tableA, tableB) = (_schema.Columns[a].TableIndex, _schema.Columns[b].TableIndex);
                    var earlier = pairs.Count == 0 ? -1 : _schema.Columns[pairs[0].ReferencedColumn].TableIndex;
                    if (tableA == table && query.Tables.Take(i).Contains(tableB) && (earlier < 0 || earlier == tableB))
                    {
                        pairs.Add(new PointerForeignKey(a, b));
                    }
                    else if (tableB == table && query.Tables.Take(i).Contains(tableA) && (earlier < 0 || earlier == tableA))
                    {
                        pairs.Add(new PointerForeignKey(b, a));
                    }
                }

                if (pairs.Count > 1)
                {
                    joinOn[table] = pairs[0];
                    joinAlso[table] = pairs.Skip(1).ToList();
                }
            }

            return (joinOn, joinAlso);
        }

        // The gold pair joining table to one of the earlier tables, as (column of table, column of the earlier one).
        private PointerForeignKey? GoldJoinOf(int table, HashSet<int> earlier, List<(int A, int B)> gold)
        {
            foreach (var (a, b) in gold)
            {
                var (tableA, tableB) = (_schema.Columns[a].TableIndex, _schema.Columns[b].TableIndex);
                if (tableA == table && earlier.Contains(tableB))
                {
                    return new PointerForeignKey(a, b);
                }

                if (tableB == table && earlier.Contains(tableA))
                {
                    return new PointerForeignKey(b, a);
                }
            }

            return null;
        }

        // The column pairs the gold FROM joins on.
        private List<(int A, int B)> GoldJoins(IReadOnlyList<ConditionElement> conditions)
        {
            var pairs = new List<(int, int)>();
            foreach (var element in conditions)
            {
                if (element is CondUnit { Not: false, Op: WhereOp.Eq, Value: { Op: UnitOp.None, Left: var left }, Value1: ColumnValue right }
                    && _columnIds.TryGetValue(left.ColumnId, out var a) && _columnIds.TryGetValue(right.Column.ColumnId, out var b) && a > 0 && b > 0)
                {
                    pairs.Add((a, b));
                }
            }

            return pairs;
        }

        // Writes out a table's gold join condition only where the renderer's own plan would join it differently.
        private Dictionary<int, PointerForeignKey> JoinOn(IrQuery query, List<(int A, int B)> gold)
        {
            var joinOn = new Dictionary<int, PointerForeignKey>(query.JoinOn);
            if (gold.Count == 0 || query.Tables.Count < 2)
            {
                return joinOn;
            }

            var used = JoinPlanner.UsedColumns(query);
            var goldKeys = gold.Select(p => (Math.Min(p.A, p.B), Math.Max(p.A, p.B))).ToHashSet();

            // A written-out join can change how the others are planned, so repeat until every table joins as in gold.
            for (var pass = 0; pass < query.Tables.Count; pass++)
            {
                var changed = false;
                for (var i = 1; i < query.Tables.Count; i++)
                {
                    var table = query.Tables[i];
                    if (joinOn.ContainsKey(table))
                    {
                        continue;
                    }

                    var plan = JoinPlanner.Plan(_schema, query.Tables, used, joinOn, query.JoinAlso);
                    var step = plan.First(s => s.Table == table);
                    if (step.On is { } on && goldKeys.Contains((Math.Min(on.Column, on.ReferencedColumn), Math.Max(on.Column, on.ReferencedColumn))))
                    {
                        continue;
                    }

                    if (GoldJoinOf(table, query.Tables.Take(i).ToHashSet(), gold) is { } hint)
                    {
                        joinOn[table] = hint;
                        changed = true;
                    }
                }

                if (!changed)
                {
                    break;
                }
            }

            return joinOn;
        }

        private IrExpression SelectItem(SelectItem item)
        {
            if (item.Agg == AggOp.None)
            {
                return Expression(item.Value);
            }

            if (item.Value.Left.Agg != AggOp.None)
            {
                throw new UnsupportedSqlException("nested-aggregate", "an aggregate of an aggregate");
            }

            // process_sql reads "max(a) - min(b)" as max over (a - min(b)); the aggregate belongs to the left column.
            var left = Aggregated(item.Agg, item.Value.Left);
            return item.Value.Right is null
                ? new IrExpression(left, null, null)
                : new IrExpression(left, Arithmetic(item.Value.Op), ColumnUnit(item.Value.Right));
        }

        private IrExpression Expression(ValUnit value) =>
            new(ColumnUnit(value.Left), value.Op == UnitOp.None ? null : Arithmetic(value.Op), value.Right is null ? null : ColumnUnit(value.Right));

        private static string Arithmetic(UnitOp op) => op switch
        {
            UnitOp.Minus => "-",
            UnitOp.Plus => "+",
            UnitOp.Times => "*",
            UnitOp.Divide => "/",
            _ => throw new UnsupportedSqlException("arithmetic", $"operator {op}"),
        };

        private IrColumn ColumnUnit(ColUnit unit) => Aggregated(unit.Agg, unit);

        private IrColumn Aggregated(AggOp agg, ColUnit unit)
        {
            var column = Column(unit.ColumnId);
            var distinct = unit.Distinct == true;
            if (agg == AggOp.None)
            {
                if (distinct)
                {
                    throw new UnsupportedSqlException("distinct-column", "DISTINCT on a column outside an aggregate and the SELECT head");
                }

                return new IrColumn(null, false, column);
            }

            var name = agg.ToString().ToLowerInvariant();
            if (column == 0 && (agg != AggOp.Count || distinct))
            {
                throw new UnsupportedSqlException("aggregate-star", $"{name} of *");
            }

            return new IrColumn(name, distinct, column);
        }

        private int Column(string id) =>
            _columnIds.TryGetValue(id, out var column) ? column : throw new UnsupportedSqlException("unknown-name", $"column {id}");

        private IrConditions Conditions(IReadOnlyList<ConditionElement> elements)
        {
            var items = new List<IrCondition>();
            var connectors = new List<string>();
            foreach (var element in elements)
            {
                switch (element)
                {
                    case CondUnit unit:
                        items.Add(Condition(unit));
                        break;
                    case Connector connector:
                        connectors.Add(connector.Word);
                        break;
                    default:
                        throw new UnsupportedSqlException("condition", element.GetType().Name);
                }
            }

            if (connectors.Count != items.Count - 1)
            {
                throw new UnsupportedSqlException("condition", "conditions and connectors do not alternate");
            }

            return new IrConditions(items, connectors);
        }

        private IrCondition Condition(CondUnit unit)
        {
            var op = unit.Op switch
            {
                WhereOp.Between => "between",
                WhereOp.Eq => "=",
                WhereOp.Gt => ">",
                WhereOp.Lt => "<",
                WhereOp.Ge => ">=",
                WhereOp.Le => "<=",
                WhereOp.Ne => "!=",
                WhereOp.In => "in",
                WhereOp.Like => "like",
                _ => throw new UnsupportedSqlException("operator-" + unit.Op.ToString().ToLowerInvariant(), $"the {unit.Op} operator"),
            };

            var right = Operand(unit.Value1 ?? throw new UnsupportedSqlException("condition", "a condition without a value"), op == "like");
            var second = op == "between"
                ? Operand(unit.Value2 ?? throw new UnsupportedSqlException("condition", "BETWEEN without its second value"), false)
                : null;
            return new IrCondition(Expression(unit.Value), unit.Not, op, right, second);
        }

        private IrOperand Operand(SqlValue value, bool like) => value switch
        {
            NumberValue number => new IrValueOperand(NumberValue(number.Value, "a condition")),
            TextValue text when like => LikeOperand(Unquote(text.Text)),
            TextValue text => new IrValueOperand(TextValue(Unquote(text.Text), false)),
            NestedQueryValue nested => new IrQueryOperand(Query(nested.Query)),
            ColumnValue column => new IrColumnOperand(ColumnUnit(column.Column)),
            _ => throw new UnsupportedSqlException("value", value.GetType().Name),
        };

        // '%x%', 'x%', '%x' and 'x': the value x with the pattern's percent signs as keywords around it.
        private IrValueOperand LikeOperand(string pattern) =>
            new(TextValue(pattern, true)) { LeadingPercent = pattern.StartsWith('%'), TrailingPercent = pattern.Length > 1 && pattern.EndsWith('%') };

        private static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

        private static string Unquote(string text) =>
            text.Length >= 2 && text[0] == '"' && text[^1] == '"' ? text[1..^1] : text;

        private int NumberValue(double number, string where)
        {
            for (var i = 0; i < _values.Count; i++)
            {
                if (_values[i].IsNumber && double.TryParse(_values[i].Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var candidate) && candidate == number)
                {
                    return i;
                }
            }

            throw new UnsupportedSqlException("value-missing", $"number {number.ToString(CultureInfo.InvariantCulture)} in {where} is not among the value candidates");
        }

        private int TextValue(string text, bool like)
        {
            var wanted = like ? text.Trim('%') : text;
            for (var i = 0; i < _values.Count; i++)
            {
                if (string.Equals(_values[i].Text, wanted, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            for (var i = 0; i < _values.Count; i++)
            {
                if (string.Equals(_values[i].Text, wanted, StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }

            // Spider's annotators sometimes spaced commas ("Tokyo , Japan"): compare without white space.
            var squeezed = Squeeze(wanted);
            for (var i = 0; i < _values.Count; i++)
            {
                if (string.Equals(Squeeze(_values[i].Text), squeezed, StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }

            // A quoted number ("1990") may be the question's number.
            if (!like && double.TryParse(wanted, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                return NumberValue(number, "a condition");
            }

            throw new UnsupportedSqlException("value-missing", $"'{wanted}' is not among the value candidates");
        }
    }
}
