namespace Gateway.Configuration;

/// <summary>
/// The gateway's configuration file, bound from JSON or YAML. Command-line options win over it; it wins over defaults.
/// </summary>
public sealed record GatewayOptions
{
    /// <summary>Policy file applied when a command gets no <c>--policy</c>. Optional; default: the built-in policy.</summary>
    public string? Policy { get; init; }

    /// <summary>Data sources as <c>NAME=PROVIDER:CONNECTION_STRING</c>; the first is the default. Optional.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];
}
