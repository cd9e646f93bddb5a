using Gateway.Execution.Results;

namespace Gateway.Execution.Providers.Sqlite;

/// <summary>
/// SQLite's type affinity rules (datatype3.html, section 3.1) applied to a declared type, refined for the names
/// that say more than the affinity does (BOOLEAN, DATE, DATETIME, DECIMAL, JSON).
/// </summary>
internal static class SqliteAffinity
{
    public static ValueKind Classify(string declaredType)
    {
        var name = declaredType.ToUpperInvariant();
        if (name.Length == 0)
        {
            return ValueKind.Other;
        }

        if (name.Contains("BOOL", StringComparison.Ordinal))
        {
            return ValueKind.Boolean;
        }

        if (name.Contains("INT", StringComparison.Ordinal))
        {
            return ValueKind.Integer;
        }

        if (name.StartsWith("DATETIME", StringComparison.Ordinal) || name.StartsWith("TIMESTAMP", StringComparison.Ordinal))
        {
            return ValueKind.DateTime;
        }

        if (name.StartsWith("DATE", StringComparison.Ordinal))
        {
            return ValueKind.Date;
        }

        if (name.StartsWith("TIME", StringComparison.Ordinal))
        {
            return ValueKind.Time;
        }

        if (name.Contains("JSON", StringComparison.Ordinal))
        {
            return ValueKind.Json;
        }

        if (name.Contains("CHAR", StringComparison.Ordinal) || name.Contains("CLOB", StringComparison.Ordinal) || name.Contains("TEXT", StringComparison.Ordinal))
        {
            return ValueKind.Text;
        }

        if (name.Contains("BLOB", StringComparison.Ordinal))
        {
            return ValueKind.Binary;
        }

        if (name.Contains("REAL", StringComparison.Ordinal) || name.Contains("FLOA", StringComparison.Ordinal) || name.Contains("DOUB", StringComparison.Ordinal))
        {
            return ValueKind.Float;
        }

        return ValueKind.Decimal;
    }
}
