namespace Gateway.Audit.Keys;

/// <summary>A stored key as listings show it: everything but the secret, which is never stored.</summary>
public sealed record ApiKeyInfo
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required GatewayRoles Roles { get; init; }
    public required IReadOnlyList<string> Sources { get; init; }
    public required DateTimeOffset Created { get; init; }
    public DateTimeOffset? Revoked { get; init; }

    public bool IsRevoked => Revoked is not null;

    public GatewayPrincipal ToPrincipal() => new() { Name = Name, Roles = Roles, Sources = Sources, KeyId = Id };
}

/// <summary>A freshly created key: <see cref="Secret"/> is shown to the caller once and exists nowhere else.</summary>
public sealed record CreatedApiKey(ApiKeyInfo Info, string Secret);
