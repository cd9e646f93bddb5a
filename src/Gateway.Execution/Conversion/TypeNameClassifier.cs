using Gateway.Execution.Results;

namespace Gateway.Execution.Conversion;

/// <summary>
/// Classifies a column from the CLR type its provider reads it as, refined by the engine's type name where the CLR
/// type is ambiguous (a DateTime may be a DATE or a TIMESTAMP; a TimeSpan a TIME or an INTERVAL).
/// </summary>
public static class TypeNameClassifier
{
    public static ValueKind Classify(Type fieldType, string databaseType)
    {
        ArgumentNullException.ThrowIfNull(fieldType);
        var name = (databaseType ?? string.Empty).ToUpperInvariant();
        return Type.GetTypeCode(fieldType) switch
        {
            TypeCode.Boolean => ValueKind.Boolean,
            TypeCode.SByte or TypeCode.Byte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 or TypeCode.UInt32
                or TypeCode.Int64 or TypeCode.UInt64 => ValueKind.Integer,
            TypeCode.Decimal => ValueKind.Decimal,
            TypeCode.Single or TypeCode.Double => ValueKind.Float,
            TypeCode.DateTime => IsDateOnly(name) ? ValueKind.Date : ValueKind.DateTime,
            TypeCode.String => name.Contains("JSON", StringComparison.Ordinal) ? ValueKind.Json : ValueKind.Text,
            _ => ClassifyObject(fieldType, name),
        };
    }

    private static ValueKind ClassifyObject(Type fieldType, string name)
    {
        if (fieldType == typeof(DateTimeOffset))
        {
            return ValueKind.DateTime;
        }

        if (fieldType == typeof(DateOnly))
        {
            return ValueKind.Date;
        }

        if (fieldType == typeof(TimeOnly))
        {
            return ValueKind.Time;
        }

        if (fieldType == typeof(TimeSpan))
        {
            return name.Contains("INTERVAL", StringComparison.Ordinal) ? ValueKind.Interval : ValueKind.Time;
        }

        if (fieldType == typeof(byte[]))
        {
            return ValueKind.Binary;
        }

        if (fieldType == typeof(Guid))
        {
            return ValueKind.Uuid;
        }

        return fieldType == typeof(System.Numerics.BigInteger) ? ValueKind.Decimal : ValueKind.Other;
    }

    private static bool IsDateOnly(string name) =>
        name.StartsWith("DATE", StringComparison.Ordinal) && !name.StartsWith("DATETIME", StringComparison.Ordinal);
}
