using System.Globalization;
using System.Text;
using Gateway.Execution.Conversion;
using Gateway.Execution.Results;

namespace Gateway.Commands.Results;

/// <summary>A result as an aligned text table for a terminal; long cells are cut with an ellipsis.</summary>
internal static class ResultText
{
    private const int MaxCellWidth = 40;

    public static string Format(IReadOnlyList<ResultColumn> columns, IReadOnlyList<IReadOnlyList<object?>> rows, bool truncated, TimeSpan elapsed)
    {
        var cells = rows.Select(r => r.Select(Cell).ToArray()).ToList();
        var widths = columns.Select((c, i) => Math.Min(MaxCellWidth, Math.Max(c.Name.Length, cells.Select(r => r[i].Length).DefaultIfEmpty(0).Max()))).ToArray();
        var numeric = columns.Select(c => c.Kind.IsNumeric()).ToArray();
        var text = new StringBuilder();
        AppendRow(text, columns.Select(c => c.Name).ToArray(), widths, new bool[columns.Count]);
        text.AppendJoin("-+-", widths.Select(w => new string('-', w))).Append('\n');
        foreach (var row in cells)
        {
            AppendRow(text, row, widths, numeric);
        }

        var count = rows.Count == 1 ? "1 row" : string.Create(CultureInfo.InvariantCulture, $"{rows.Count} rows");
        text.Append(CultureInfo.InvariantCulture, $"({count}{(truncated ? ", truncated" : string.Empty)}, {elapsed.TotalMilliseconds:0} ms)");
        return text.ToString();
    }

    private static void AppendRow(StringBuilder text, string[] cells, int[] widths, bool[] rightAligned)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            var cell = cells[i].Length > widths[i] ? string.Concat(cells[i].AsSpan(0, widths[i] - 1), "…") : cells[i];
            text.Append(i == 0 ? string.Empty : " | ").Append(rightAligned[i] ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]));
        }

        text.Append('\n');
    }

    private static string Cell(object? value) => value switch
    {
        null => "NULL",
        string text => text.ReplaceLineEndings(" "),
        byte[] bytes => $"0x{Convert.ToHexString(bytes.AsSpan(0, Math.Min(bytes.Length, 16)))}{(bytes.Length > 16 ? "…" : string.Empty)}",
        bool flag => flag ? "true" : "false",
        DateTime time => CellWriter.FormatDateTime(time),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ExactNumber number => number.Text,
        JsonText json => json.Text.ReplaceLineEndings(" "),
        object?[] items => $"[{string.Join(", ", items.Select(Cell))}]",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
