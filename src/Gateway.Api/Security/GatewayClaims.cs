using System.Security.Claims;
using Gateway.Audit.Keys;

namespace Gateway.Api.Security;

/// <summary>
/// Carries a <see cref="GatewayPrincipal"/> through ASP.NET Core's <see cref="ClaimsPrincipal"/>, so the standard
/// authorization policies (and the MCP endpoint's) apply to it. Admin is expanded to every role here, once.
/// </summary>
internal static class GatewayClaims
{
    public const string SourceClaim = "gateway:source";
    public const string KeyIdClaim = "gateway:key_id";

    public static ClaimsPrincipal ToClaimsPrincipal(GatewayPrincipal principal, string scheme)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, principal.Name) };
        var roles = principal.Roles.HasFlag(GatewayRoles.Admin)
            ? GatewayRoles.Reader | GatewayRoles.Analyst | GatewayRoles.Auditor | GatewayRoles.Admin
            : principal.Roles;
        claims.AddRange(roles.ToNames().Select(r => new Claim(ClaimTypes.Role, r)));
        claims.AddRange(principal.Sources.Select(s => new Claim(SourceClaim, s)));
        if (principal.KeyId is { } keyId)
        {
            claims.Add(new Claim(KeyIdClaim, keyId));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    public static GatewayPrincipal ToGatewayPrincipal(this ClaimsPrincipal user)
    {
        var roles = GatewayRoles.None;
        foreach (var claim in user.FindAll(ClaimTypes.Role))
        {
            if (GatewayRoleNames.TryParse(claim.Value, out var role, out _))
            {
                roles |= role;
            }
        }

        return new GatewayPrincipal
        {
            Name = user.Identity?.Name ?? string.Empty,
            Roles = roles,
            Sources = [.. user.FindAll(SourceClaim).Select(c => c.Value)],
            KeyId = user.FindFirst(KeyIdClaim)?.Value,
        };
    }

    /// <summary>The rate limiter's partition: one bucket per key, and one per client address for anonymous use.</summary>
    public static string RateLimitPartition(this ClaimsPrincipal user, string? remoteAddress) =>
        user.FindFirst(KeyIdClaim)?.Value ?? $"anonymous:{remoteAddress}";
}
