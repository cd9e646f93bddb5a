namespace Gateway.Execution.Results;

/// <summary>Keeps every row in memory; for capped results that are shown, charted or compared.</summary>
public sealed class BufferedResultSink : IResultSink
{
    private readonly List<IReadOnlyList<object?>> _rows = [];

    public IReadOnlyList<ResultColumn> Columns { get; private set; } = [];

    public IReadOnlyList<IReadOnlyList<object?>> Rows => _rows;

    public ValueTask BeginAsync(IReadOnlyList<ResultColumn> columns, CancellationToken cancellationToken)
    {
        Columns = columns;
        return ValueTask.CompletedTask;
    }

    public ValueTask RowAsync(object?[] values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(values);
        _rows.Add((object?[])values.Clone());
        return ValueTask.CompletedTask;
    }

    public ValueTask EndAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
