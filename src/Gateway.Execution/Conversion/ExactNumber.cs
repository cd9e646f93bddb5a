namespace Gateway.Execution.Conversion;

/// <summary>A number too wide for <see cref="decimal"/> (e.g. NUMERIC(40,10)), kept as the engine's exact digits and written as a JSON number.</summary>
public sealed record ExactNumber(string Text);
