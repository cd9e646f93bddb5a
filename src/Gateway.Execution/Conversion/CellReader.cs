using System.Data.Common;
using Gateway.Execution.Results;

namespace Gateway.Execution.Conversion;

/// <summary>
/// Reads one result column's cells into their canonical forms (see <see cref="CellValues"/>), chosen once per column
/// when the result opens: a column whose provider type is already known is read with its typed getter (no
/// <c>GetValue</c> and no second conversion per cell); anything else goes through <c>GetValue</c> and
/// <see cref="CellValues.Normalize"/>. <see cref="Read"/> returns null for SQL NULL.
/// </summary>
internal abstract class CellReader
{
    /// <summary>Masked columns: the value is never read, only whether it is NULL.</summary>
    public static CellReader Masked { get; } = new MaskedReader();

    public abstract object? Read(DbDataReader reader, int ordinal);

    /// <summary>The typed reader for a provider field type and its column kind, or the general one.</summary>
    public static CellReader For(Type fieldType, ValueKind kind, Func<DbDataReader, int, object>? decimals = null)
    {
        ArgumentNullException.ThrowIfNull(fieldType);
        return (Type.GetTypeCode(fieldType), kind) switch
        {
            (TypeCode.Int64, ValueKind.Integer) => new Int64Reader(),
            (TypeCode.Int32, ValueKind.Integer) => new Int32Reader(),
            (TypeCode.Int16, ValueKind.Integer) => new Int16Reader(),
            (TypeCode.Double, ValueKind.Float) => new DoubleReader(),
            (TypeCode.Single, ValueKind.Float) => new SingleReader(),
            (TypeCode.String, ValueKind.Text) => new StringReader(),
            (TypeCode.String, ValueKind.Json) => new JsonReader(),
            (TypeCode.Boolean, ValueKind.Boolean) => new BooleanReader(),
            (TypeCode.Decimal, ValueKind.Decimal) => new DecimalReader(decimals ?? ((reader, ordinal) => reader.GetDecimal(ordinal))),
            _ => General(kind),
        };
    }

    /// <summary>GetValue, then <see cref="CellValues.Normalize"/> for the column's kind.</summary>
    public static CellReader General(ValueKind kind) => new NormalizingReader(kind);

    private sealed class MaskedReader : CellReader
    {
        public override object? Read(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : ColumnMask.Value;
    }

    private sealed class Int64Reader : CellReader
    {
        public override object? Read(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);
    }

    private sealed class Int32Reader : CellReader
    {
        public override object? Read(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : (long)reader.GetInt32(ordinal);
    }

    private sealed class Int16Reader : CellReader
    {
        public override object? Read(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : (long)reader.GetInt16(ordinal);
    }

    private sealed class DoubleReader : CellReader
    {
        public override object? Read(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);
    }

    private sealed class SingleReader : CellReader
    {
        public override object? Read(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : (double)reader.GetFloat(ordinal);
    }

    private sealed class StringReader : CellReader
    {
        public override object? Read(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
    }

    private sealed class JsonReader : CellReader
    {
        public override object? Read(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : new JsonText(reader.GetString(ordinal));
    }

    private sealed class BooleanReader : CellReader
    {
        public override object? Read(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetBoolean(ordinal);
    }

    private sealed class DecimalReader(Func<DbDataReader, int, object> read) : CellReader
    {
        public override object? Read(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : read(reader, ordinal);
    }

    private sealed class NormalizingReader(ValueKind kind) : CellReader
    {
        public override object? Read(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : CellValues.Normalize(reader.GetValue(ordinal), kind);
    }
}
