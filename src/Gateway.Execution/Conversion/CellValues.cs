using System.Numerics;
using Gateway.Execution.Results;

namespace Gateway.Execution.Conversion;

/// <summary>
/// Turns what an ADO.NET reader returned into the canonical forms <see cref="CellWriter"/> writes: every integer
/// width becomes <see cref="long"/> (or <see cref="ulong"/> past its range), float becomes double, and the column's
/// kind decides the rest (a DATE read as DateTime becomes DateOnly; 0/1 in a boolean column becomes bool).
/// </summary>
public static class CellValues
{
    public static object? Normalize(object? value, ValueKind kind) => value switch
    {
        null or DBNull => null,
        DateTime dateTime when kind == ValueKind.Date => DateOnly.FromDateTime(dateTime),
        TimeSpan time when kind == ValueKind.Time && time >= TimeSpan.Zero && time < TimeSpan.FromDays(1) => TimeOnly.FromTimeSpan(time),
        long or int or short or sbyte or byte or uint or ushort when kind == ValueKind.Boolean => Convert.ToInt64(value, null) != 0,
        ulong flag when kind == ValueKind.Boolean => flag != 0,
        string text when kind == ValueKind.Json => new JsonText(text),
        // Values already in canonical form are returned as the same object: no second boxing per cell.
        long or string or double or bool or decimal => value,
        int integer => (long)integer,
        short integer => (long)integer,
        sbyte integer => (long)integer,
        byte integer => (long)integer,
        uint integer => (long)integer,
        ushort integer => (long)integer,
        ulong integer => integer <= long.MaxValue ? (long)integer : integer,
        float real => (double)real,
        ExactNumber or JsonText or byte[] or DateOnly or TimeOnly or DateTime or DateTimeOffset or TimeSpan or Guid or BigInteger => value,
        Array array => NormalizeArray(array),
        _ => value,
    };

    /// <summary>An approximate size in bytes of the cell once written, for the result-size cap.</summary>
    public static long EstimateSize(object? value) => value switch
    {
        null => 4,
        string text => text.Length + 2,
        byte[] bytes => (bytes.Length + 2) / 3 * 4 + 2,
        JsonText json => json.Text.Length,
        object?[] items => items.Sum(EstimateSize) + 2,
        _ => 16,
    };

    private static object?[] NormalizeArray(Array array)
    {
        var items = new object?[array.Length];
        var index = 0;
        foreach (var item in array)
        {
            items[index++] = Normalize(item, ValueKind.Other);
        }

        return items;
    }
}
