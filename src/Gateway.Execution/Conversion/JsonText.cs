namespace Gateway.Execution.Conversion;

/// <summary>A cell from a JSON column: written into the result as JSON, not as a quoted string.</summary>
public sealed record JsonText(string Text);
