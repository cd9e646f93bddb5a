namespace Gateway.Model.TextToSql;

/// <summary>
/// The decoder's keyword vocabulary. Index 0 ends the query. Multi-word SQL keywords are one entry
/// (<c>group_by</c>, <c>order_by</c>) so that one step emits one grammatical unit. The order is part of the
/// trained model: only append.
/// </summary>
public static class SqlKeywords
{
    public const int End = 0;

    private static readonly string[] Names =
    [
        "<end>",
        "from", "select", "distinct", "where", "group_by", "having", "order_by", "asc", "desc", "limit",
        "count", "max", "min", "sum", "avg",
        "and", "or", "not",
        "=", ">", "<", ">=", "<=", "!=", "in", "like", "between",
        "+", "-", "*", "/",
        "(", ")", ",",
        "union", "intersect", "except",
        "%",
    ];

    private static readonly Dictionary<string, int> IndexByName =
        Names.Select((name, index) => (name, index)).ToDictionary(p => p.name, p => p.index, StringComparer.Ordinal);

    /// <summary>The keywords in index order.</summary>
    public static IReadOnlyList<string> All => Names;

    public static int Count => Names.Length;

    /// <summary>The name of keyword <paramref name="index"/>.</summary>
    public static string Name(int index) =>
        (uint)index < (uint)Names.Length ? Names[index] : throw new ArgumentOutOfRangeException(nameof(index), index, $"no keyword has index {index}");

    /// <summary>The index of <paramref name="name"/> (lower case, as listed in <see cref="All"/>).</summary>
    public static int IndexOf(string name) =>
        IndexByName.TryGetValue(name, out var index) ? index : throw new ArgumentException($"'{name}' is not a SQL keyword of the decoder", nameof(name));

    public static bool TryIndexOf(string name, out int index) => IndexByName.TryGetValue(name, out index);

    /// <summary>The action that emits keyword <paramref name="name"/>.</summary>
    public static SqlAction Action(string name) => new(SqlActionKind.Keyword, IndexOf(name));
}
