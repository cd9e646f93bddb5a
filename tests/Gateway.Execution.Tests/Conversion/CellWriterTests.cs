using System.Numerics;
using System.Text;
using System.Text.Json;
using Gateway.Execution.Conversion;
using Gateway.Execution.Results;

namespace Gateway.Execution.Tests.Conversion;

public sealed class CellWriterTests
{
    [Fact]
    public void Decimal_keeps_its_scale() => Assert.Equal("12.50", Write(12.50m));

    [Fact]
    public void Integer_beyond_double_precision_stays_exact() => Assert.Equal("9007199254740993", Write(9007199254740993L));

    [Fact]
    public void Big_integer_is_written_as_a_number() => Assert.Equal("123456789012345678901234567890", Write(BigInteger.Parse("123456789012345678901234567890", System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Exact_number_text_is_written_as_a_number() => Assert.Equal("1234567890123456789012345678901.5", Write(new ExactNumber("1234567890123456789012345678901.5")));

    [Fact]
    public void Date_is_iso_8601() => Assert.Equal("\"2024-02-29\"", Write(new DateOnly(2024, 2, 29)));

    [Fact]
    public void Timestamp_without_zone_has_no_offset() => Assert.Equal("\"2024-02-29T13:45:10\"", Write(new DateTime(2024, 2, 29, 13, 45, 10, DateTimeKind.Unspecified)));

    [Fact]
    public void Utc_timestamp_ends_in_z() => Assert.Equal("\"2024-02-29T13:45:10.5Z\"", Write(new DateTime(2024, 2, 29, 13, 45, 10, 500, DateTimeKind.Utc)));

    [Fact]
    public void Offset_timestamp_keeps_its_offset() => Assert.Equal("\"2024-02-29T13:45:10+02:00\"", Write(new DateTimeOffset(2024, 2, 29, 13, 45, 10, TimeSpan.FromHours(2))));

    [Fact]
    public void Interval_is_an_iso_8601_duration() => Assert.Equal("\"P1DT2H30M\"", Write(new TimeSpan(1, 2, 30, 0)));

    [Fact]
    public void Binary_is_base64() => Assert.Equal("\"3q2+7w==\"", Write(new byte[] { 0xDE, 0xAD, 0xBE, 0xEF }));

    [Fact]
    public void Non_finite_double_becomes_a_string() => Assert.Equal("\"NaN\"", Write(double.NaN));

    [Fact]
    public void Json_column_is_embedded_as_json() => Assert.Equal("{\"a\":[1,2]}", Write(new JsonText("{\"a\": [1, 2]}")));

    [Fact]
    public void Malformed_json_column_falls_back_to_a_string() => Assert.Equal("\"{oops\"", Write(new JsonText("{oops")));

    [Fact]
    public void Null_is_null() => Assert.Equal("null", Write(null));

    [Fact]
    public void Small_integer_widths_normalise_to_long() => Assert.IsType<long>(CellValues.Normalize((short)5, ValueKind.Integer));

    [Fact]
    public void Zero_or_one_in_a_boolean_column_becomes_bool() => Assert.Equal(true, CellValues.Normalize(1L, ValueKind.Boolean));

    [Fact]
    public void Datetime_in_a_date_column_becomes_a_date() =>
        Assert.Equal(new DateOnly(2024, 1, 2), CellValues.Normalize(new DateTime(2024, 1, 2), ValueKind.Date));

    [Fact]
    public void Unsigned_beyond_long_stays_unsigned() => Assert.Equal(ulong.MaxValue, CellValues.Normalize(ulong.MaxValue, ValueKind.Integer));

    private static string Write(object? value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, ResultJson.WriterOptions))
        {
            CellWriter.Write(writer, value);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
