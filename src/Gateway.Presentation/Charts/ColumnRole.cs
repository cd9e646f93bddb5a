using System.Globalization;
using Gateway.Execution.Results;

namespace Gateway.Presentation.Charts;

/// <summary>What a result column can be on a chart.</summary>
internal enum ColumnRole
{
    /// <summary>Labels: text, booleans, identifiers.</summary>
    Category,

    /// <summary>Numbers to plot.</summary>
    Measure,

    /// <summary>Dates and timestamps, or text that reads as one ("2024-03", "2024-03-01").</summary>
    Time,

    /// <summary>Nothing a chart can show (binary, JSON).</summary>
    Unusable,
}

internal static class ColumnRoles
{
    private static readonly string[] TimeFormats = ["yyyy-MM", "yyyy-MM-dd", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF"];

    public static ColumnRole Of(ResultColumn column, IReadOnlyList<IReadOnlyList<object?>> rows, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(rows);
        return column.Kind switch
        {
            ValueKind.Integer when IsIdentifier(column.Name) => ColumnRole.Category,
            ValueKind.Integer or ValueKind.Decimal or ValueKind.Float => ColumnRole.Measure,
            ValueKind.Date or ValueKind.DateTime => ColumnRole.Time,
            ValueKind.Text when LooksLikeTime(rows, ordinal) => ColumnRole.Time,
            ValueKind.Text or ValueKind.Boolean or ValueKind.Uuid => ColumnRole.Category,
            // SQLite expressions have no declared type: judge by the values themselves.
            ValueKind.Other => FromValues(rows, ordinal),
            _ => ColumnRole.Unusable,
        };
    }

    /// <summary>Keys count things but are labels, not quantities: summing customer_id means nothing.</summary>
    private static bool IsIdentifier(string name) =>
        name.Equals("id", StringComparison.OrdinalIgnoreCase) || name.EndsWith("_id", StringComparison.OrdinalIgnoreCase);

    private static ColumnRole FromValues(IReadOnlyList<IReadOnlyList<object?>> rows, int ordinal)
    {
        var values = rows.Select(r => r[ordinal]).Where(v => v is not null).ToList();
        if (values.Count > 0 && values.All(v => v is long or double or decimal))
        {
            return ColumnRole.Measure;
        }

        return values.All(v => v is string) ? (LooksLikeTime(rows, ordinal) ? ColumnRole.Time : ColumnRole.Category) : ColumnRole.Unusable;
    }

    private static bool LooksLikeTime(IReadOnlyList<IReadOnlyList<object?>> rows, int ordinal)
    {
        var texts = rows.Select(r => r[ordinal]).OfType<string>().ToList();
        return texts.Count > 0 && texts.All(t => DateTime.TryParseExact(t, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out _));
    }
}
