using Gateway.Execution.Schema;

namespace Gateway.Context.Linking;

/// <summary>Tables joined by foreign keys, as an undirected graph, for the shortest join path between two tables.</summary>
internal sealed class ForeignKeyGraph
{
    private readonly Dictionary<string, SortedSet<string>> _edges = new(StringComparer.OrdinalIgnoreCase);

    public ForeignKeyGraph(SchemaModel schema)
    {
        foreach (var table in schema.Tables)
        {
            Neighbours(table.Name);
            foreach (var key in table.ForeignKeys)
            {
                if (schema.Find(key.ReferencedTable) is null || string.Equals(key.ReferencedTable, table.Name, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                Neighbours(table.Name).Add(schema.Find(key.ReferencedTable)!.Name);
                Neighbours(schema.Find(key.ReferencedTable)!.Name).Add(table.Name);
            }
        }
    }

    /// <summary>The tables strictly between <paramref name="from"/> and <paramref name="to"/> on a shortest path; null when none within <paramref name="maxJoins"/>.</summary>
    public IReadOnlyList<string>? Between(string from, string to, int maxJoins)
    {
        var previous = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { [from] = from };
        var frontier = new List<string> { from };
        for (var depth = 0; depth < maxJoins && frontier.Count > 0; depth++)
        {
            var next = new List<string>();
            foreach (var table in frontier)
            {
                // SortedSet: neighbours in name order, so equal-length paths resolve the same way every time.
                foreach (var neighbour in Neighbours(table))
                {
                    if (previous.TryAdd(neighbour, table))
                    {
                        if (string.Equals(neighbour, to, StringComparison.OrdinalIgnoreCase))
                        {
                            return Walk(previous, from, neighbour);
                        }

                        next.Add(neighbour);
                    }
                }
            }

            frontier = next;
        }

        return null;
    }

    private static List<string> Walk(Dictionary<string, string> previous, string from, string to)
    {
        var between = new List<string>();
        for (var at = previous[to]; !string.Equals(at, from, StringComparison.OrdinalIgnoreCase); at = previous[at])
        {
            between.Add(at);
        }

        between.Reverse();
        return between;
    }

    private SortedSet<string> Neighbours(string table)
    {
        if (!_edges.TryGetValue(table, out var set))
        {
            set = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
            _edges[table] = set;
        }

        return set;
    }
}
