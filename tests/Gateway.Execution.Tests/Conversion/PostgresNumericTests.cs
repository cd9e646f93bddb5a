using System.Buffers.Binary;
using Gateway.Execution.Conversion;
using Gateway.Execution.Providers.Postgres;

namespace Gateway.Execution.Tests.Conversion;

/// <summary>PostgreSQL's binary NUMERIC form (count, weight, sign, display scale, base-10,000 digits) to exact text.</summary>
public sealed class PostgresNumericTests
{
    [Theory]
    [InlineData(new short[] { 1 }, 1, 0x0000, 0, "10000")]
    [InlineData(new short[] { 1 }, -1, 0x0000, 4, "0.0001")]
    [InlineData(new short[] { 12, 5000 }, 0, 0x0000, 2, "12.50")]
    [InlineData(new short[] { 1, 5000 }, 0, 0x4000, 1, "-1.5")]
    [InlineData(new short[] { }, 0, 0x0000, 3, "0.000")]
    [InlineData(new short[] { 1234, 5678, 9012, 3456, 7890, 1234, 5678, 9012, 3456 }, 0, 0x0000, 32, "1234.56789012345678901234567890123456")]
    public void Digits_weight_and_scale_give_the_servers_text(short[] digits, short weight, int sign, int scale, string expected)
    {
        var number = Assert.IsType<ExactNumber>(PostgresNumeric.Format(Wire(digits, weight, (ushort)sign, (ushort)scale)));

        Assert.Equal(expected, number.Text);
    }

    [Theory]
    [InlineData(0xC000, "NaN")]
    [InlineData(0xD000, "Infinity")]
    [InlineData(0xF000, "-Infinity")]
    public void Non_finite_values_become_text(int sign, string expected)
    {
        Assert.Equal(expected, PostgresNumeric.Format(Wire([], 0, (ushort)sign, 0)));
    }

    [Fact]
    public void A_truncated_value_is_a_format_error()
    {
        var wire = Wire([1, 2], 0, 0, 0);

        Assert.Throws<FormatException>(() => PostgresNumeric.Format(wire.AsSpan(0, 10)));
    }

    private static byte[] Wire(short[] digits, short weight, ushort sign, ushort scale)
    {
        var bytes = new byte[8 + (2 * digits.Length)];
        BinaryPrimitives.WriteInt16BigEndian(bytes, (short)digits.Length);
        BinaryPrimitives.WriteInt16BigEndian(bytes.AsSpan(2), weight);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(4), sign);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(6), scale);
        for (var i = 0; i < digits.Length; i++)
        {
            BinaryPrimitives.WriteInt16BigEndian(bytes.AsSpan(8 + (2 * i)), digits[i]);
        }

        return bytes;
    }
}
