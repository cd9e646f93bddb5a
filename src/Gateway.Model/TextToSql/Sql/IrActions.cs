namespace Gateway.Model.TextToSql;

/// <summary>Writes a query as actions, in the grammar's order (FROM first), and reads actions back into a query.</summary>
internal static class IrActions
{
    public static List<SqlAction> Write(IrQuery query)
    {
        var actions = new List<SqlAction>();
        WriteQuery(query, actions);
        actions.Add(new SqlAction(SqlActionKind.Keyword, SqlKeywords.End));
        return actions;
    }

    private static void Keyword(List<SqlAction> actions, string name) => actions.Add(SqlKeywords.Action(name));

    private static void WriteQuery(IrQuery query, List<SqlAction> actions)
    {
        Keyword(actions, "from");
        foreach (var table in query.Tables)
        {
            actions.Add(new SqlAction(SqlActionKind.Table, table));
            if (query.JoinOn.TryGetValue(table, out var on))
            {
                foreach (var pair in query.JoinAlso.TryGetValue(table, out var also) ? [on, .. also] : new[] { on })
                {
                    actions.Add(new SqlAction(SqlActionKind.Column, pair.Column));
                    actions.Add(new SqlAction(SqlActionKind.Column, pair.ReferencedColumn));
                }
            }
        }

        Keyword(actions, "select");
        if (query.Distinct)
        {
            Keyword(actions, "distinct");
        }

        WriteList(query.Select, actions, WriteExpression);
        if (query.Where is not null)
        {
            Keyword(actions, "where");
            WriteConditions(query.Where, actions);
        }

        if (query.GroupBy.Count > 0)
        {
            Keyword(actions, "group_by");
            WriteList(query.GroupBy, actions, (c, a) => a.Add(new SqlAction(SqlActionKind.Column, c)));
        }

        if (query.Having is not null)
        {
            Keyword(actions, "having");
            WriteConditions(query.Having, actions);
        }

        if (query.OrderBy.Count > 0)
        {
            Keyword(actions, "order_by");
            WriteList(query.OrderBy, actions, WriteExpression);
            Keyword(actions, query.OrderDirection ?? "asc");
        }

        if (query.LimitValue is { } limit)
        {
            Keyword(actions, "limit");
            actions.Add(new SqlAction(SqlActionKind.Value, limit));
        }

        if (query.SetOperator is not null && query.SetQuery is not null)
        {
            Keyword(actions, query.SetOperator);
            WriteQuery(query.SetQuery, actions);
        }
    }

    private static void WriteList<T>(IReadOnlyList<T> items, List<SqlAction> actions, Action<T, List<SqlAction>> write)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                Keyword(actions, ",");
            }

            write(items[i], actions);
        }
    }

    private static void WriteExpression(IrExpression expression, List<SqlAction> actions)
    {
        WriteColumn(expression.Left, actions);
        if (expression.Operator is not null && expression.Right is not null)
        {
            Keyword(actions, expression.Operator);
            WriteColumn(expression.Right, actions);
        }
    }

    private static void WriteColumn(IrColumn column, List<SqlAction> actions)
    {
        if (column.Aggregate is not null)
        {
            Keyword(actions, column.Aggregate);
        }

        if (column.Distinct)
        {
            Keyword(actions, "distinct");
        }

        actions.Add(new SqlAction(SqlActionKind.Column, column.Column));
    }

    private static void WriteConditions(IrConditions conditions, List<SqlAction> actions)
    {
        for (var i = 0; i < conditions.Items.Count; i++)
        {
            if (i > 0)
            {
                Keyword(actions, conditions.Connectors[i - 1]);
            }

            var condition = conditions.Items[i];
            WriteExpression(condition.Left, actions);
            if (condition.Not)
            {
                Keyword(actions, "not");
            }

            Keyword(actions, condition.Operator);
            if (condition.Right is IrValueOperand { LeadingPercent: true })
            {
                Keyword(actions, "%");
            }

            WriteOperand(condition.Right, actions);
            if (condition.Right is IrValueOperand { TrailingPercent: true })
            {
                Keyword(actions, "%");
            }

            if (condition.Second is not null)
            {
                Keyword(actions, "and");
                WriteOperand(condition.Second, actions);
            }
        }
    }

    private static void WriteOperand(IrOperand operand, List<SqlAction> actions)
    {
        switch (operand)
        {
            case IrValueOperand value:
                actions.Add(new SqlAction(SqlActionKind.Value, value.Value));
                break;
            case IrQueryOperand nested:
                Keyword(actions, "(");
                WriteQuery(nested.Query, actions);
                Keyword(actions, ")");
                break;
            case IrColumnOperand column:
                WriteColumn(column.Column, actions);
                break;
            default:
                throw new ArgumentException($"unknown operand {operand.GetType().Name}", nameof(operand));
        }
    }

    /// <summary>Reads a complete action sequence (ending with the end keyword); throws <see cref="FormatException"/> naming the step that does not fit.</summary>
    public static IrQuery Read(IReadOnlyList<SqlAction> actions)
    {
        var reader = new Reader(actions);
        var query = reader.Query();
        reader.Expect("<end>");
        if (!reader.AtEnd)
        {
            throw new FormatException($"actions continue after the end keyword at step {reader.Position}");
        }

        return query;
    }

    private sealed class Reader(IReadOnlyList<SqlAction> actions)
    {
        private static readonly string[] Aggregates = ["count", "max", "min", "sum", "avg"];
        private static readonly string[] Arithmetic = ["+", "-", "*", "/"];
        private static readonly string[] Comparisons = ["=", ">", "<", ">=", "<=", "!=", "in", "like", "between"];
        private static readonly string[] SetOperators = ["union", "intersect", "except"];

        public int Position { get; private set; }

        public bool AtEnd => Position >= actions.Count;

        private string? PeekKeyword() =>
            Position < actions.Count && actions[Position].Kind == SqlActionKind.Keyword ? SqlKeywords.Name(actions[Position].Index) : null;

        private bool TakeKeyword(string name)
        {
            if (PeekKeyword() == name)
            {
                Position++;
                return true;
            }

            return false;
        }

        public void Expect(string name)
        {
            if (!TakeKeyword(name))
            {
                throw Error($"expected '{name}'");
            }
        }

        private int Take(SqlActionKind kind)
        {
            if (Position < actions.Count && actions[Position].Kind == kind)
            {
                return actions[Position++].Index;
            }

            throw Error($"expected a {kind.ToString().ToLowerInvariant()} pointer");
        }

        private FormatException Error(string what)
        {
            var found = Position >= actions.Count ? "the end of the actions"
                : actions[Position].Kind == SqlActionKind.Keyword ? $"'{SqlKeywords.Name(actions[Position].Index)}'"
                : $"{actions[Position].Kind.ToString().ToLowerInvariant()} {actions[Position].Index}";
            return new FormatException($"step {Position}: {what}, found {found}");
        }

        public IrQuery Query()
        {
            Expect("from");
            var tables = new List<int> { Take(SqlActionKind.Table) };
            var joinOn = new Dictionary<int, PointerForeignKey>();
            var joinAlso = new Dictionary<int, IReadOnlyList<PointerForeignKey>>();
            while (Position < actions.Count && actions[Position].Kind == SqlActionKind.Table)
            {
                var table = Take(SqlActionKind.Table);
                tables.Add(table);
                var pairs = new List<PointerForeignKey>();
                while (Position < actions.Count && actions[Position].Kind == SqlActionKind.Column)
                {
                    pairs.Add(new PointerForeignKey(Take(SqlActionKind.Column), Take(SqlActionKind.Column)));
                }

                if (pairs.Count > 0)
                {
                    joinOn[table] = pairs[0];
                }

                if (pairs.Count > 1)
                {
                    joinAlso[table] = pairs.Skip(1).ToList();
                }
            }

            Expect("select");
            var distinct = TakeKeyword("distinct");
            var select = List(Expression);
            var where = TakeKeyword("where") ? Conditions() : null;
            var groupBy = TakeKeyword("group_by") ? List(() => Take(SqlActionKind.Column)) : [];
            var having = TakeKeyword("having") ? Conditions() : null;
            List<IrExpression> orderBy = [];
            string? direction = null;
            if (TakeKeyword("order_by"))
            {
                orderBy = List(Expression);
                direction = TakeKeyword("asc") ? "asc" : TakeKeyword("desc") ? "desc" : throw Error("expected 'asc' or 'desc'");
            }

            int? limit = TakeKeyword("limit") ? Take(SqlActionKind.Value) : null;
            string? setOperator = SetOperators.FirstOrDefault(TakeKeyword);
            var setQuery = setOperator is null ? null : Query();
            return new IrQuery(tables, distinct, select, where, groupBy, having, orderBy, direction, limit, setOperator, setQuery) { JoinOn = joinOn, JoinAlso = joinAlso };
        }

        private List<T> List<T>(Func<T> item)
        {
            var items = new List<T> { item() };
            while (TakeKeyword(","))
            {
                items.Add(item());
            }

            return items;
        }

        private IrExpression Expression()
        {
            var left = Column();
            var op = Arithmetic.FirstOrDefault(TakeKeyword);
            return new IrExpression(left, op, op is null ? null : Column());
        }

        private IrColumn Column()
        {
            var aggregate = Aggregates.FirstOrDefault(TakeKeyword);
            var distinct = aggregate is not null && TakeKeyword("distinct");
            return new IrColumn(aggregate, distinct, Take(SqlActionKind.Column));
        }

        private IrConditions Conditions()
        {
            var items = new List<IrCondition> { Condition() };
            var connectors = new List<string>();
            while (PeekKeyword() is "and" or "or")
            {
                connectors.Add(PeekKeyword()!);
                Position++;
                items.Add(Condition());
            }

            return new IrConditions(items, connectors);
        }

        private IrCondition Condition()
        {
            var left = Expression();
            var not = TakeKeyword("not");
            var op = Comparisons.FirstOrDefault(TakeKeyword) ?? throw Error("expected a comparison");
            var right = op == "like" ? LikeOperand() : Operand();
            IrOperand? second = null;
            if (op == "between")
            {
                Expect("and");
                second = Operand();
            }

            return new IrCondition(left, not, op, right, second);
        }

        private IrValueOperand LikeOperand()
        {
            var leading = TakeKeyword("%");
            var value = Take(SqlActionKind.Value);
            return new IrValueOperand(value) { LeadingPercent = leading, TrailingPercent = TakeKeyword("%") };
        }

        private IrOperand Operand()
        {
            if (Position < actions.Count && actions[Position].Kind == SqlActionKind.Value)
            {
                return new IrValueOperand(Take(SqlActionKind.Value));
            }

            if (TakeKeyword("("))
            {
                var query = Query();
                Expect(")");
                return new IrQueryOperand(query);
            }

            return new IrColumnOperand(Column());
        }
    }
}
