namespace Gateway.Audit.Keys;

/// <summary>Who is calling and what they may touch, resolved once per request from a key or the anonymous rule.</summary>
public sealed record GatewayPrincipal
{
    /// <summary>Grants every source.</summary>
    public const string AllSources = "*";

    /// <summary>The anonymous principal's name on a loopback-only gateway.</summary>
    public const string LocalName = "local";

    public required string Name { get; init; }
    public required GatewayRoles Roles { get; init; }

    /// <summary>Source names this principal may use; <see cref="AllSources"/> grants all.</summary>
    public required IReadOnlyList<string> Sources { get; init; }

    /// <summary>The API key's id; null for the anonymous local principal.</summary>
    public string? KeyId { get; init; }

    /// <summary>Anonymous local use: reader, analyst and auditor on every source, never admin.</summary>
    public static GatewayPrincipal Local { get; } = new()
    {
        Name = LocalName,
        Roles = GatewayRoles.Reader | GatewayRoles.Analyst | GatewayRoles.Auditor,
        Sources = [AllSources],
    };

    public bool HasRole(GatewayRoles role) => (Roles & (role | GatewayRoles.Admin)) != 0;

    public bool CanUseSource(string source) =>
        Sources.Any(s => s == AllSources || string.Equals(s, source, StringComparison.OrdinalIgnoreCase));
}
