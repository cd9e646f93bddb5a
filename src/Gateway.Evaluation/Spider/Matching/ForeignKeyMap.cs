using Gateway.Evaluation.Spider.Data;

namespace Gateway.Evaluation.Spider.Matching;

/// <summary>
/// Spider's <c>build_foreign_key_map</c>: columns linked by foreign keys are grouped, and each column id maps to the
/// id of its group's lowest-numbered column, so a join key written on either side matches.
/// </summary>
internal sealed class ForeignKeyMap
{
    private readonly Dictionary<string, string> _map;

    private ForeignKeyMap(Dictionary<string, string> map) => _map = map;

    public bool TryMap(string columnId, out string mapped) => _map.TryGetValue(columnId, out mapped!);

    public static ForeignKeyMap Build(SpiderSchema schema)
    {
        var ids = schema.Columns
            .Select(c => c.TableIndex >= 0
                ? "__" + schema.Tables[c.TableIndex].OriginalName.ToLowerInvariant() + "." + c.OriginalName.ToLowerInvariant() + "__"
                : "__all__")
            .ToList();

        // Like Spider, a key joins the first group holding either end; groups are never merged afterwards.
        var groups = new List<SortedSet<int>>();
        foreach (var key in schema.ForeignKeys)
        {
            var group = groups.FirstOrDefault(g => g.Contains(key.ColumnIndex) || g.Contains(key.ReferencedColumnIndex));
            if (group is null)
            {
                group = [];
                groups.Add(group);
            }

            group.Add(key.ColumnIndex);
            group.Add(key.ReferencedColumnIndex);
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var first = group.Min;
            foreach (var index in group)
            {
                if (index < ids.Count && first < ids.Count)
                {
                    map[ids[index]] = ids[first];
                }
            }
        }

        return new ForeignKeyMap(map);
    }
}
