using Gateway.Context.Text;
using Gateway.Execution.Schema;

namespace Gateway.Context.Linking;

/// <summary>
/// What linking reads from one schema, computed once per schema object: each table's terms, how many tables hold
/// each term, and (filled on first use) each table's sentence vector.
/// </summary>
internal sealed class SchemaIndex
{
    private readonly Dictionary<string, int> _tablesHolding = new(StringComparer.Ordinal);

    public SchemaIndex(SchemaModel schema)
    {
        Schema = schema;
        Tables = schema.Tables.ToDictionary(t => t.Name, TableTerms.Of, StringComparer.OrdinalIgnoreCase);
        foreach (var term in Tables.Values.SelectMany(t => t.All()))
        {
            _tablesHolding[term] = _tablesHolding.GetValueOrDefault(term) + 1;
        }
    }

    public SchemaModel Schema { get; }

    public Dictionary<string, TableTerms> Tables { get; }

    /// <summary>Table vectors by model id; set once by the linker under its lock.</summary>
    public Dictionary<string, IReadOnlyList<float[]>> Vectors { get; } = new(StringComparer.Ordinal);

    /// <summary>1 for a term only one table holds, falling towards 0 as more tables hold it.</summary>
    public double Weight(string term)
    {
        var count = Math.Max(1, Schema.Tables.Count);
        return Math.Log(1 + ((double)count / Math.Max(1, _tablesHolding.GetValueOrDefault(term)))) / Math.Log(1 + count);
    }

    /// <summary>The sentence a table is embedded as: its name and columns in words, and its description.</summary>
    public static string Describe(TableInfo table)
    {
        var columns = string.Join(", ", table.Columns.Select(c => Words(c.Name)));
        var comment = table.Comment is null ? string.Empty : $" ({table.Comment})";
        return $"{Words(table.Name)}{comment}: {columns}";
    }

    private static string Words(string identifier) => string.Join(' ', TextTerms.Words(identifier)).ToLowerInvariant();
}

/// <summary>One table's terms: name, description, and each column's name and description.</summary>
internal sealed class TableTerms
{
    public required HashSet<string> Name { get; init; }
    public required HashSet<string> Comment { get; init; }
    public required Dictionary<string, HashSet<string>> ColumnName { get; init; }
    public required Dictionary<string, HashSet<string>> ColumnComment { get; init; }

    public IEnumerable<string> All() =>
        Name.Concat(Comment).Concat(ColumnName.Values.SelectMany(s => s)).Concat(ColumnComment.Values.SelectMany(s => s)).Distinct(StringComparer.Ordinal);

    public static TableTerms Of(TableInfo table)
    {
        var columns = table.Columns.DistinctBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToList();
        return new TableTerms
        {
            Name = TextTerms.SetOf(table.Name),
            Comment = TextTerms.SetOf(table.Comment),
            ColumnName = columns.ToDictionary(c => c.Name, c => TextTerms.SetOf(c.Name), StringComparer.OrdinalIgnoreCase),
            ColumnComment = columns.ToDictionary(c => c.Name, c => TextTerms.SetOf(c.Comment), StringComparer.OrdinalIgnoreCase),
        };
    }
}
