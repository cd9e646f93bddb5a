using System.Globalization;

namespace Gateway.Evaluation.Spider.Sql;

/// <summary>Python's <c>float(str)</c>, which Spider uses to tell a number literal from a column name.</summary>
internal static class PythonFloat
{
    public static bool TryParse(string text, out double value)
    {
        var trimmed = text.Trim();
        var unsigned = trimmed.TrimStart('+', '-');
        if (unsigned.Length == trimmed.Length - 1 && unsigned.ToLowerInvariant() is "inf" or "infinity" or "nan")
        {
            var negative = trimmed[0] == '-';
            value = unsigned.Equals("nan", StringComparison.OrdinalIgnoreCase) ? double.NaN : negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        if (trimmed.ToLowerInvariant() is "inf" or "infinity" or "nan")
        {
            value = trimmed.Equals("nan", StringComparison.OrdinalIgnoreCase) ? double.NaN : double.PositiveInfinity;
            return true;
        }

        // Digits only from here: .NET would also accept its own "Infinity"/"NaN" symbols, which Python spells differently.
        if (trimmed.Length == 0 || trimmed.Any(char.IsLetter) && !IsExponentOnly(trimmed))
        {
            value = 0;
            return false;
        }

        return double.TryParse(trimmed.Replace("_", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out value)
               && !trimmed.StartsWith('_') && !trimmed.EndsWith('_') && !trimmed.Contains("__", StringComparison.Ordinal);
    }

    private static bool IsExponentOnly(string text) => text.Count(char.IsLetter) == 1 && text.Any(c => c is 'e' or 'E');
}
