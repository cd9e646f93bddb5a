using System.Globalization;
using System.Text;

namespace Gateway.Model.TextToSql;

/// <summary>
/// Actions -> SQLite SQL. Tables get aliases T1..Tn when a query has more than one; joins follow the foreign keys
/// (<see cref="JoinPlanner"/>); values are quoted unless numeric, a LIKE value with the <c>%</c> its keywords put around it.
/// </summary>
public static class SqlRenderer
{
    private static readonly HashSet<string> ReservedWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "select", "from", "where", "group", "order", "by", "having", "limit", "union", "intersect", "except", "join", "on",
        "as", "and", "or", "not", "in", "like", "between", "is", "null", "table", "index", "default", "check", "primary",
        "key", "references", "values", "case", "when", "then", "else", "end", "distinct", "all", "to", "set", "transaction",
    };

    /// <summary>Renders a complete action sequence; throws <see cref="FormatException"/> when it is not one.</summary>
    public static string Render(PointerExample example, IReadOnlyList<SqlAction> actions)
    {
        ArgumentNullException.ThrowIfNull(example);
        return Render(example.Schema, example.Values, IrActions.Read(actions));
    }

    internal static string Render(PointerSchema schema, IReadOnlyList<ValueCandidate> values, IrQuery query)
    {
        var builder = new StringBuilder();
        new Writer(schema, values, builder).Query(query);
        return builder.ToString();
    }

    /// <summary>A name as SQLite needs it: bare when it is a plain identifier, double-quoted otherwise.</summary>
    public static string Identifier(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var plain = name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_')
            && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && !ReservedWords.Contains(name);
        return plain ? name : "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private sealed class Writer(PointerSchema schema, IReadOnlyList<ValueCandidate> values, StringBuilder sql)
    {
        // Alias of each table of the query being written; empty when it has one table.
        private Dictionary<int, string> _aliases = [];

        public void Query(IrQuery query)
        {
            var outer = _aliases;
            var steps = JoinPlanner.Plan(schema, query.Tables, JoinPlanner.UsedColumns(query), query.JoinOn, query.JoinAlso);
            _aliases = steps.Count > 1
                ? steps.Select((s, i) => (s.Table, Alias: "T" + (i + 1).ToString(CultureInfo.InvariantCulture))).ToDictionary(p => p.Table, p => p.Alias)
                : [];

            sql.Append("SELECT ");
            if (query.Distinct)
            {
                sql.Append("DISTINCT ");
            }

            List(query.Select, Expression);
            sql.Append(" FROM ");
            From(steps);
            if (query.Where is not null)
            {
                sql.Append(" WHERE ");
                Conditions(query.Where);
            }

            if (query.GroupBy.Count > 0)
            {
                sql.Append(" GROUP BY ");
                List(query.GroupBy, c => Column(new IrColumn(null, false, c)));
            }

            if (query.Having is not null)
            {
                sql.Append(" HAVING ");
                Conditions(query.Having);
            }

            if (query.OrderBy.Count > 0)
            {
                sql.Append(" ORDER BY ");
                List(query.OrderBy, Expression);
                sql.Append(query.OrderDirection == "desc" ? " DESC" : " ASC");
            }

            if (query.LimitValue is { } limit)
            {
                sql.Append(" LIMIT ").Append(LimitText(limit));
            }

            _aliases = outer;
            if (query.SetOperator is not null && query.SetQuery is not null)
            {
                sql.Append(' ').Append(query.SetOperator.ToUpperInvariant()).Append(' ');
                Query(query.SetQuery);
            }
        }

        private void From(IReadOnlyList<JoinStep> steps)
        {
            for (var i = 0; i < steps.Count; i++)
            {
                var step = steps[i];
                if (i > 0)
                {
                    sql.Append(" JOIN ");
                }

                sql.Append(Identifier(schema.Tables[step.Table].Name));
                if (_aliases.TryGetValue(step.Table, out var alias))
                {
                    sql.Append(" AS ").Append(alias);
                }

                if (step.On is { } key)
                {
                    sql.Append(" ON ").Append(QualifiedColumn(key.Column)).Append(" = ").Append(QualifiedColumn(key.ReferencedColumn));
                    foreach (var also in step.AlsoOn)
                    {
                        sql.Append(" AND ").Append(QualifiedColumn(also.Column)).Append(" = ").Append(QualifiedColumn(also.ReferencedColumn));
                    }
                }
            }
        }

        private void List<T>(IReadOnlyList<T> items, Action<T> write)
        {
            for (var i = 0; i < items.Count; i++)
            {
                if (i > 0)
                {
                    sql.Append(", ");
                }

                write(items[i]);
            }
        }

        private void Expression(IrExpression expression)
        {
            Column(expression.Left);
            if (expression.Operator is not null && expression.Right is not null)
            {
                sql.Append(' ').Append(expression.Operator).Append(' ');
                Column(expression.Right);
            }
        }

        private void Column(IrColumn column)
        {
            if (column.Aggregate is not null)
            {
                sql.Append(column.Aggregate.ToUpperInvariant()).Append('(');
                if (column.Distinct)
                {
                    sql.Append("DISTINCT ");
                }
            }

            sql.Append(QualifiedColumn(column.Column));
            if (column.Aggregate is not null)
            {
                sql.Append(')');
            }
        }

        private string QualifiedColumn(int index)
        {
            if (index == 0)
            {
                return "*";
            }

            var column = schema.Columns[index];
            var name = Identifier(column.Name);
            return _aliases.TryGetValue(column.TableIndex, out var alias) ? alias + "." + name : name;
        }

        private void Conditions(IrConditions conditions)
        {
            for (var i = 0; i < conditions.Items.Count; i++)
            {
                if (i > 0)
                {
                    sql.Append(' ').Append(conditions.Connectors[i - 1].ToUpperInvariant()).Append(' ');
                }

                var condition = conditions.Items[i];
                Expression(condition.Left);
                if (condition.Not)
                {
                    sql.Append(" NOT");
                }

                sql.Append(' ').Append(condition.Operator.ToUpperInvariant()).Append(' ');
                Operand(condition.Right);
                if (condition.Second is not null)
                {
                    sql.Append(" AND ");
                    Operand(condition.Second);
                }
            }
        }

        private void Operand(IrOperand operand)
        {
            switch (operand)
            {
                case IrValueOperand { LeadingPercent: true } or IrValueOperand { TrailingPercent: true }:
                    var pattern = (IrValueOperand)operand;
                    sql.Append(Quote((pattern.LeadingPercent ? "%" : "") + Candidate(pattern.Value).Text + (pattern.TrailingPercent ? "%" : "")));
                    break;
                case IrValueOperand value:
                    sql.Append(ValueText(value.Value));
                    break;
                case IrQueryOperand nested:
                    sql.Append('(');
                    Query(nested.Query);
                    sql.Append(')');
                    break;
                case IrColumnOperand column:
                    Column(column.Column);
                    break;
                default:
                    throw new FormatException($"unknown operand {operand.GetType().Name}");
            }
        }

        private ValueCandidate Candidate(int index) =>
            (uint)index < (uint)values.Count ? values[index] : throw new FormatException($"value {index} is not among the example's {values.Count} candidates");

        private string ValueText(int index)
        {
            var candidate = Candidate(index);
            return candidate.IsNumber && IsNumeric(candidate.Text) ? candidate.Text : Quote(candidate.Text);
        }

        private string LimitText(int index)
        {
            var candidate = Candidate(index);
            return long.TryParse(candidate.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var limit) && limit >= 0
                ? limit.ToString(CultureInfo.InvariantCulture)
                : double.TryParse(candidate.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number >= 0 && number < long.MaxValue
                    ? ((long)Math.Round(number)).ToString(CultureInfo.InvariantCulture)
                    : throw new FormatException($"LIMIT needs a whole number, value {index} is '{candidate.Text}'");
        }

        private static bool IsNumeric(string text) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

        private static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
    }
}
