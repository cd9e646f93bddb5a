namespace Gateway.Audit.Keys;

/// <summary>API keys, stored as SHA-256 hashes. Revocation takes effect on the next request.</summary>
public interface IApiKeyStore
{
    Task<CreatedApiKey> CreateAsync(string name, GatewayRoles roles, IReadOnlyList<string> sources, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>False when no key has that id.</summary>
    Task<bool> RevokeAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>The principal of a valid, unrevoked key; null for anything else.</summary>
    Task<GatewayPrincipal?> AuthenticateAsync(string presentedKey, CancellationToken cancellationToken = default);
}
