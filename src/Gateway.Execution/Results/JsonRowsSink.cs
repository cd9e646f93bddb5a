using System.Text.Json;
using Gateway.Execution.Conversion;

namespace Gateway.Execution.Results;

/// <summary>
/// Streams a result into an open JSON object as <c>"columns": [{name,type,db_type[,masked]}]</c> and <c>"rows": [[...]]</c>,
/// flushing the writer whenever its buffer passes <see cref="FlushThreshold"/> bytes, so memory stays flat however
/// many rows pass through. The caller owns the surrounding object and the writer.
/// </summary>
public sealed class JsonRowsSink : IResultSink
{
    /// <summary>Pending bytes that trigger a flush to the underlying stream.</summary>
    public const int FlushThreshold = 64 * 1024;

    private readonly Utf8JsonWriter _writer;

    public JsonRowsSink(Utf8JsonWriter writer)
    {
        _writer = writer ?? throw new ArgumentNullException(nameof(writer));
    }

    public async ValueTask BeginAsync(IReadOnlyList<ResultColumn> columns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(columns);
        WriteColumns(_writer, columns);
        _writer.WriteStartArray("rows");
        await FlushIfFullAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask RowAsync(object?[] values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(values);
        _writer.WriteStartArray();
        foreach (var value in values)
        {
            CellWriter.Write(_writer, value);
        }

        _writer.WriteEndArray();
        await FlushIfFullAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask EndAsync(CancellationToken cancellationToken)
    {
        _writer.WriteEndArray();
        await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The <c>"columns"</c> property, shared with writers of buffered results.</summary>
    public static void WriteColumns(Utf8JsonWriter writer, IReadOnlyList<ResultColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(columns);
        writer.WriteStartArray("columns");
        foreach (var column in columns)
        {
            writer.WriteStartObject();
            writer.WriteString("name", column.Name);
            writer.WriteString("type", column.Kind.ToName());
            writer.WriteString("db_type", column.DatabaseType);
            if (column.Masked)
            {
                writer.WriteBoolean("masked", true);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private ValueTask FlushIfFullAsync(CancellationToken cancellationToken) =>
        _writer.BytesPending >= FlushThreshold ? new ValueTask(_writer.FlushAsync(cancellationToken)) : ValueTask.CompletedTask;
}
