using System.Globalization;

namespace Gateway.Evaluation.Spider.Execution;

/// <summary>The kind of a result cell after normalisation.</summary>
internal enum CellKind
{
    Null,
    Integer,
    Real,
    Text,
    Blob,
}

/// <summary>
/// One result cell, normalised so that equal numbers compare equal whatever their storage class
/// (an integral real becomes an integer) while text is compared exactly as stored.
/// </summary>
internal readonly record struct CellValue(CellKind Kind, long Integer, double Real, string? Text)
{
    public static CellValue Null { get; } = new(CellKind.Null, 0, 0, null);

    public static CellValue From(object? value) => value switch
    {
        null or DBNull => Null,
        long l => new CellValue(CellKind.Integer, l, 0, null),
        int i => new CellValue(CellKind.Integer, i, 0, null),
        double d => FromReal(d),
        string s => new CellValue(CellKind.Text, 0, 0, s),
        byte[] bytes => new CellValue(CellKind.Blob, 0, 0, Convert.ToHexString(bytes)),
        _ => new CellValue(CellKind.Text, 0, 0, Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    private static CellValue FromReal(double value)
    {
        // 2^63 bounds the integral reals that a long represents exactly.
        const double limit = 9.2233720368547758E18;
        if (Math.Floor(value) == value && Math.Abs(value) < limit)
        {
            return new CellValue(CellKind.Integer, (long)value, 0, null);
        }

        return new CellValue(CellKind.Real, 0, value, null);
    }

    public override string ToString() => Kind switch
    {
        CellKind.Null => "NULL",
        CellKind.Integer => Integer.ToString(CultureInfo.InvariantCulture),
        CellKind.Real => Real.ToString("R", CultureInfo.InvariantCulture),
        _ => Text ?? "",
    };
}
