namespace Gateway.Model.TextToSql;

/// <summary>One table of a planned FROM clause and, after the first, the foreign key that joins it to an earlier one.</summary>
internal sealed record JoinStep(int Table, PointerForeignKey? On);

/// <summary>
/// Derives the joins the decoder does not write: each chosen table is joined to the tables before it by the shortest
/// foreign-key path, adding the bridge tables on that path. A table no key reaches is cross-joined.
/// </summary>
internal static class JoinPlanner
{
    public static IReadOnlyList<JoinStep> Plan(PointerSchema schema, IReadOnlyList<int> tables)
    {
        var steps = new List<JoinStep>();
        if (tables.Count == 0)
        {
            return steps;
        }

        var placed = new HashSet<int> { tables[0] };
        steps.Add(new JoinStep(tables[0], null));
        foreach (var table in tables.Skip(1))
        {
            if (placed.Contains(table))
            {
                continue;
            }

            var path = ShortestPath(schema, placed, steps, table);
            if (path is null)
            {
                steps.Add(new JoinStep(table, null));
                placed.Add(table);
                continue;
            }

            foreach (var (next, key) in path)
            {
                steps.Add(new JoinStep(next, key));
                placed.Add(next);
            }
        }

        return steps;
    }

    // Breadth-first from every placed table (in FROM order) to the target; returns the hops after the placed set.
    private static List<(int Table, PointerForeignKey Key)>? ShortestPath(PointerSchema schema, HashSet<int> placed, List<JoinStep> steps, int target)
    {
        var previous = new Dictionary<int, (int From, PointerForeignKey Key)>();
        var queue = new Queue<int>();
        foreach (var step in steps)
        {
            queue.Enqueue(step.Table);
        }

        var seen = new HashSet<int>(placed);
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            if (current == target)
            {
                var hops = new List<(int, PointerForeignKey)>();
                for (var t = target; !placed.Contains(t); t = previous[t].From)
                {
                    hops.Add((t, previous[t].Key));
                }

                hops.Reverse();
                return hops;
            }

            foreach (var key in schema.ForeignKeys)
            {
                var a = schema.Columns[key.Column].TableIndex;
                var b = schema.Columns[key.ReferencedColumn].TableIndex;
                var neighbour = a == current ? b : b == current ? a : -1;
                if (neighbour >= 0 && seen.Add(neighbour))
                {
                    previous[neighbour] = (current, key);
                    queue.Enqueue(neighbour);
                }
            }
        }

        return null;
    }
}
