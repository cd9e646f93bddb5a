namespace Gateway.Execution.Results;

/// <summary>One result column: its name, its neutral kind, and the engine's own type name (e.g. <c>numeric</c>, <c>VARCHAR</c>).</summary>
public sealed record ResultColumn(string Name, ValueKind Kind, string DatabaseType)
{
    /// <summary>True when the policy masks this column: its non-null values all read <c>"***"</c> and its kind is text.</summary>
    public bool Masked { get; init; }
}
