namespace Gateway.Model.TextToSql;

/// <summary>One table of a planned FROM clause and, after the first, the column pair that joins it to an earlier one.</summary>
internal sealed record JoinStep(int Table, PointerForeignKey? On)
{
    /// <summary>More pairs of a composite join condition.</summary>
    public IReadOnlyList<PointerForeignKey> AlsoOn { get; init; } = [];
}

/// <summary>
/// Derives the joins the decoder does not write. Each chosen table joins the tables already placed by, in order of
/// preference: a declared foreign key between them; an undeclared key the names imply (the same column name on both
/// sides, or <c>start_station_id</c> pointing at <c>station.id</c>); the shortest declared foreign-key path, adding its
/// bridge tables; the shortest path with implied keys; and only then a cross join. Among equal choices a key whose
/// column the query uses wins (a query that groups by <c>follows.f1</c> joins on <c>f1</c>, not <c>f2</c>).
/// </summary>
internal static class JoinPlanner
{
    public static IReadOnlyList<JoinStep> Plan(
        PointerSchema schema,
        IReadOnlyList<int> tables,
        IReadOnlySet<int>? usedColumns = null,
        IReadOnlyDictionary<int, PointerForeignKey>? joinOn = null,
        IReadOnlyDictionary<int, IReadOnlyList<PointerForeignKey>>? joinAlso = null)
    {
        var steps = new List<JoinStep>();
        if (tables.Count == 0)
        {
            return steps;
        }

        usedColumns ??= new HashSet<int>();
        var declared = Rank(schema.ForeignKeys, usedColumns);
        var implied = Rank(ImpliedKeys(schema), usedColumns);
        var placed = new HashSet<int> { tables[0] };
        steps.Add(new JoinStep(tables[0], null));
        var remaining = tables.Skip(1).Where(t => t != tables[0]).Distinct().ToList();
        while (remaining.Count > 0)
        {
            var done = TryExplicit(schema, joinOn, joinAlso, placed, remaining, steps)
                || TryDirect(schema, declared, placed, remaining, steps)
                || TryDirect(schema, implied, placed, remaining, steps)
                || TryPath(schema, declared, placed, remaining[0], steps)
                || TryPath(schema, [.. declared, .. implied], placed, remaining[0], steps);
            if (!done)
            {
                steps.Add(new JoinStep(remaining[0], null));
                placed.Add(remaining[0]);
            }

            remaining.RemoveAll(placed.Contains);
        }

        return steps;
    }

    // The columns this query (not its sub-queries) names, which break ties between join keys.
    public static HashSet<int> UsedColumns(IrQuery query)
    {
        var used = new HashSet<int>(query.GroupBy);
        void Add(IrExpression e)
        {
            used.Add(e.Left.Column);
            if (e.Right is not null)
            {
                used.Add(e.Right.Column);
            }
        }

        void AddConditions(IrConditions? conditions)
        {
            foreach (var c in conditions?.Items ?? [])
            {
                Add(c.Left);
                if (c.Right is IrColumnOperand column)
                {
                    used.Add(column.Column.Column);
                }
            }
        }

        foreach (var e in query.Select.Concat(query.OrderBy))
        {
            Add(e);
        }

        AddConditions(query.Where);
        AddConditions(query.Having);
        used.Remove(0);
        return used;
    }

    // A table with a written-out join condition joins by it as soon as the other side is placed.
    private static bool TryExplicit(
        PointerSchema schema,
        IReadOnlyDictionary<int, PointerForeignKey>? joinOn,
        IReadOnlyDictionary<int, IReadOnlyList<PointerForeignKey>>? joinAlso,
        HashSet<int> placed,
        List<int> remaining,
        List<JoinStep> steps)
    {
        if (joinOn is null || joinOn.Count == 0)
        {
            return false;
        }

        foreach (var table in remaining)
        {
            if (joinOn.TryGetValue(table, out var on)
                && (placed.Contains(schema.Columns[on.Column].TableIndex) || placed.Contains(schema.Columns[on.ReferencedColumn].TableIndex)))
            {
                steps.Add(new JoinStep(table, on) { AlsoOn = joinAlso is not null && joinAlso.TryGetValue(table, out var also) ? also : [] });
                placed.Add(table);
                return true;
            }
        }

        return false;
    }

    // Keys on used columns first, each group in declaration order.
    private static List<PointerForeignKey> Rank(IEnumerable<PointerForeignKey> keys, IReadOnlySet<int> used) =>
        keys.Select((k, i) => (k, i)).OrderBy(p => used.Contains(p.k.Column) || used.Contains(p.k.ReferencedColumn) ? 0 : 1).ThenBy(p => p.i).Select(p => p.k).ToList();

    private static bool TryDirect(PointerSchema schema, List<PointerForeignKey> keys, HashSet<int> placed, List<int> remaining, List<JoinStep> steps)
    {
        foreach (var table in remaining)
        {
            foreach (var key in keys)
            {
                var (a, b) = (schema.Columns[key.Column].TableIndex, schema.Columns[key.ReferencedColumn].TableIndex);
                if ((a == table && placed.Contains(b)) || (b == table && placed.Contains(a)))
                {
                    steps.Add(new JoinStep(table, key));
                    placed.Add(table);
                    return true;
                }
            }
        }

        return false;
    }

    // Breadth-first from every placed table (in FROM order) to the target; adds the hops after the placed set.
    private static bool TryPath(PointerSchema schema, List<PointerForeignKey> keys, HashSet<int> placed, int target, List<JoinStep> steps)
    {
        var previous = new Dictionary<int, (int From, PointerForeignKey Key)>();
        var queue = new Queue<int>(steps.Select(s => s.Table));
        var seen = new HashSet<int>(placed);
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            if (current == target)
            {
                var hops = new List<JoinStep>();
                for (var t = target; !placed.Contains(t); t = previous[t].From)
                {
                    hops.Add(new JoinStep(t, previous[t].Key));
                }

                hops.Reverse();
                steps.AddRange(hops);
                placed.UnionWith(hops.Select(h => h.Table));
                return true;
            }

            foreach (var key in keys)
            {
                var (a, b) = (schema.Columns[key.Column].TableIndex, schema.Columns[key.ReferencedColumn].TableIndex);
                var neighbour = a == current ? b : b == current ? a : -1;
                if (neighbour >= 0 && seen.Add(neighbour))
                {
                    previous[neighbour] = (current, key);
                    queue.Enqueue(neighbour);
                }
            }
        }

        return false;
    }

    /// <summary>Keys the names imply between tables that declare none: same column name, or <c>x_table_key</c> naming another table's key.</summary>
    internal static IEnumerable<PointerForeignKey> ImpliedKeys(PointerSchema schema)
    {
        var columns = schema.Columns;
        var linked = schema.ForeignKeys
            .Select(k => (Math.Min(columns[k.Column].TableIndex, columns[k.ReferencedColumn].TableIndex), Math.Max(columns[k.Column].TableIndex, columns[k.ReferencedColumn].TableIndex)))
            .ToHashSet();
        var sameName = new List<PointerForeignKey>();
        var named = new List<PointerForeignKey>();
        for (var i = 1; i < columns.Count; i++)
        {
            for (var j = 1; j < columns.Count; j++)
            {
                var (a, b) = (columns[i], columns[j]);
                if (a.TableIndex == b.TableIndex || linked.Contains((Math.Min(a.TableIndex, b.TableIndex), Math.Max(a.TableIndex, b.TableIndex))))
                {
                    continue;
                }

                // i references j: j is (or could be) the key of its table.
                if (i < j && string.Equals(a.Name, b.Name, StringComparison.OrdinalIgnoreCase) && !IsGeneric(a.Name))
                {
                    sameName.Add(b.IsPrimaryKey || !a.IsPrimaryKey ? new PointerForeignKey(i, j) : new PointerForeignKey(j, i));
                }
                else if (b.IsPrimaryKey && NamesKeyOf(a.Name, schema.Tables[b.TableIndex].Name, b.Name))
                {
                    named.Add(new PointerForeignKey(i, j));
                }
            }
        }

        return sameName.Concat(named);
    }

    private static bool IsGeneric(string name) =>
        name.Equals("id", StringComparison.OrdinalIgnoreCase) || name.Equals("name", StringComparison.OrdinalIgnoreCase);

    // start_station_id -> station.id, author_id -> author.id (table names compared without a plural s).
    private static bool NamesKeyOf(string column, string table, string key)
    {
        var c = column.ToLowerInvariant();
        var t = table.ToLowerInvariant().TrimEnd('s');
        var k = key.ToLowerInvariant();
        return t.Length >= 3 && !string.Equals(c, k, StringComparison.Ordinal)
            && (c.EndsWith("_" + k, StringComparison.Ordinal) || c.EndsWith(k, StringComparison.Ordinal))
            && c.Contains(t, StringComparison.Ordinal);
    }
}
