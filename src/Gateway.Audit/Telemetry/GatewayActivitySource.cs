using System.Diagnostics;

namespace Gateway.Audit.Telemetry;

/// <summary>
/// The gateway's one <see cref="ActivitySource"/>: a span per pipeline stage (<c>gateway.auth</c>,
/// <c>gateway.validate</c>, <c>gateway.execute</c>, ...). Immutable and process-wide, as the listener model expects.
/// </summary>
public static class GatewayActivitySource
{
    public const string Name = "Gateway";

    public static ActivitySource Source { get; } = new(Name, typeof(GatewayActivitySource).Assembly.GetName().Version?.ToString());
}
