namespace Gateway.Execution.Results;

/// <summary>The engine-neutral kind of a result column: how its values are written and how a chart may use it.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "The kinds are SQL value kinds; 'Integer' and 'Decimal' are their names.")]
public enum ValueKind
{
    Text,
    Integer,
    Decimal,
    Float,
    Boolean,
    Date,
    Time,
    DateTime,
    Interval,
    Binary,
    Uuid,
    Json,
    Other,
}

/// <summary>The wire names of <see cref="ValueKind"/> and the questions charts ask of them.</summary>
public static class ValueKinds
{
    public static string ToName(this ValueKind kind) => kind switch
    {
        ValueKind.Text => "text",
        ValueKind.Integer => "integer",
        ValueKind.Decimal => "decimal",
        ValueKind.Float => "float",
        ValueKind.Boolean => "boolean",
        ValueKind.Date => "date",
        ValueKind.Time => "time",
        ValueKind.DateTime => "datetime",
        ValueKind.Interval => "interval",
        ValueKind.Binary => "binary",
        ValueKind.Uuid => "uuid",
        ValueKind.Json => "json",
        ValueKind.Other => "other",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool IsNumeric(this ValueKind kind) => kind is ValueKind.Integer or ValueKind.Decimal or ValueKind.Float;

    public static bool IsTemporal(this ValueKind kind) => kind is ValueKind.Date or ValueKind.DateTime;
}
