namespace Gateway.Execution.Results;

/// <summary>
/// Receives a result as it is read: the columns once, then each row. Values are the canonical CLR forms written by
/// <see cref="Conversion.CellValues"/> (null, bool, long, ulong, decimal, double, string, byte[], DateOnly, TimeOnly,
/// DateTime, DateTimeOffset, TimeSpan, Guid, BigInteger, or a <see cref="Conversion.JsonText"/>). The row array is
/// reused between calls: copy what you keep.
/// </summary>
public interface IResultSink
{
    ValueTask BeginAsync(IReadOnlyList<ResultColumn> columns, CancellationToken cancellationToken);

    ValueTask RowAsync(object?[] values, CancellationToken cancellationToken);

    ValueTask EndAsync(CancellationToken cancellationToken);
}
