namespace Gateway.Execution.Demo;

/// <summary>
/// The generated rows of every demo table, in <see cref="DemoSchema.Tables"/> order. Values are logical:
/// int, string, decimal, DateOnly, DateTime (no zone), bool or null.
/// </summary>
internal sealed record DemoData(IReadOnlyDictionary<string, IReadOnlyList<object?[]>> Rows)
{
    public IReadOnlyList<object?[]> this[string table] => Rows[table];

    public long TotalRows => Rows.Values.Sum(r => (long)r.Count);
}
