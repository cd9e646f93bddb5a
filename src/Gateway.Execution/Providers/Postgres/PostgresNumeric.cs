using System.Buffers.Binary;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Gateway.Execution.Conversion;

namespace Gateway.Execution.Providers.Postgres;

/// <summary>
/// A NUMERIC that <see cref="decimal"/> cannot hold (more than 28 digits, or a scale above 28) read exactly: its
/// wire bytes, taken with <see cref="DbDataReader.GetBytes"/>, are the server's binary form (digit count, weight,
/// sign, display scale, then base-10,000 digits, all big-endian), and are written out as the same digits PostgreSQL
/// prints, display scale included. NaN and the infinities, which JSON numbers cannot hold, become text.
/// </summary>
internal static class PostgresNumeric
{
    private const ushort Positive = 0x0000;
    private const ushort Negative = 0x4000;
    private const ushort NotANumber = 0xC000;
    private const ushort PositiveInfinity = 0xD000;
    private const ushort NegativeInfinity = 0xF000;

    /// <summary>The cell as an <see cref="ExactNumber"/>, or "NaN" / "Infinity" / "-Infinity" as text.</summary>
    public static object Read(DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var length = checked((int)reader.GetBytes(ordinal, 0, null, 0, 0));
        var bytes = new byte[length];
        var read = reader.GetBytes(ordinal, 0, bytes, 0, length);
        return Format(bytes.AsSpan(0, (int)read));
    }

    /// <summary>Formats the binary form; exposed for the unit tests of edge cases the server rarely sends.</summary>
    public static object Format(ReadOnlySpan<byte> wire)
    {
        if (wire.Length < 8)
        {
            throw new FormatException("A NUMERIC value is shorter than its 8-byte header.");
        }

        var count = BinaryPrimitives.ReadInt16BigEndian(wire);
        var weight = BinaryPrimitives.ReadInt16BigEndian(wire[2..]);
        var sign = BinaryPrimitives.ReadUInt16BigEndian(wire[4..]);
        var scale = BinaryPrimitives.ReadUInt16BigEndian(wire[6..]);
        if (count < 0 || wire.Length < 8 + (2 * count))
        {
            throw new FormatException("A NUMERIC value has fewer digits than its header announces.");
        }

        switch (sign)
        {
            case NotANumber:
                return "NaN";
            case PositiveInfinity:
                return "Infinity";
            case NegativeInfinity:
                return "-Infinity";
            case Positive or Negative:
                break;
            default:
                throw new FormatException($"A NUMERIC value has an unknown sign 0x{sign:X4}.");
        }

        var text = new StringBuilder((4 * Math.Max(weight + 1, 1)) + scale + 2);
        if (sign == Negative && count > 0)
        {
            text.Append('-');
        }

        if (weight < 0)
        {
            text.Append('0');
        }
        else
        {
            text.Append(Digit(wire, count, 0).ToString(CultureInfo.InvariantCulture));
            for (var i = 1; i <= weight; i++)
            {
                text.Append(Digit(wire, count, i).ToString("D4", CultureInfo.InvariantCulture));
            }
        }

        if (scale > 0)
        {
            text.Append('.');
            var written = 0;
            for (var i = weight + 1; written < scale; i++)
            {
                var group = Digit(wire, count, i).ToString("D4", CultureInfo.InvariantCulture);
                var take = Math.Min(4, scale - written);
                text.Append(group, 0, take);
                written += take;
            }
        }

        return new ExactNumber(text.ToString());
    }

    private static short Digit(ReadOnlySpan<byte> wire, int count, int index) =>
        index >= 0 && index < count ? BinaryPrimitives.ReadInt16BigEndian(wire[(8 + (2 * index))..]) : (short)0;
}
