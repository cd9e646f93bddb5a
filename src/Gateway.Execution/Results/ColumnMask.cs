namespace Gateway.Execution.Results;

/// <summary>
/// Which result columns are masked: those named (case-insensitively, trailing spaces ignored as SQL Server
/// does) in <see cref="ExecutionOptions.MaskedColumns"/>. A masked column is described as text and every non-null
/// value in it is read as <see cref="Value"/>, before any sink sees the row, so the real value never leaves the
/// executor; null stays null.
/// </summary>
internal sealed class ColumnMask
{
    /// <summary>What a masked non-null value reads as.</summary>
    public const string Value = "***";

    private readonly bool[] _masked;

    private ColumnMask(bool[] masked, bool any)
    {
        _masked = masked;
        Any = any;
    }

    public bool Any { get; }

    public bool IsMasked(int ordinal) => Any && _masked[ordinal];

    /// <summary>Marks the masked columns in <paramref name="columns"/> (described as text from then on).</summary>
    public static ColumnMask Apply(IReadOnlyCollection<string> names, ResultColumn[] columns)
    {
        var masked = new bool[columns.Length];
        if (names.Count == 0)
        {
            return new ColumnMask(masked, any: false);
        }

        var set = new HashSet<string>(names.Select(Normalise), StringComparer.OrdinalIgnoreCase);
        var any = false;
        for (var i = 0; i < columns.Length; i++)
        {
            if (set.Contains(Normalise(columns[i].Name)))
            {
                masked[i] = true;
                any = true;
                columns[i] = columns[i] with { Kind = ValueKind.Text, Masked = true };
            }
        }

        return new ColumnMask(masked, any);
    }

    private static string Normalise(string name) => name.TrimEnd(' ');
}
