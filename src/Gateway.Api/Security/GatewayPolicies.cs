using Gateway.Audit.Keys;
using Microsoft.AspNetCore.Authorization;

namespace Gateway.Api.Security;

/// <summary>The authorization policies endpoints name; one per role, satisfied by that role or admin.</summary>
internal static class GatewayPolicies
{
    public const string Reader = "gateway.reader";
    public const string Analyst = "gateway.analyst";
    public const string Auditor = "gateway.auditor";
    public const string Admin = "gateway.admin";

    public static void Add(AuthorizationOptions options)
    {
        Add(options, Reader, GatewayRoles.Reader);
        Add(options, Analyst, GatewayRoles.Analyst);
        Add(options, Auditor, GatewayRoles.Auditor);
        Add(options, Admin, GatewayRoles.Admin);
    }

    private static void Add(AuthorizationOptions options, string name, GatewayRoles role) =>
        options.AddPolicy(name, policy => policy
            .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .RequireRole(role.ToNames()[0]));
}
