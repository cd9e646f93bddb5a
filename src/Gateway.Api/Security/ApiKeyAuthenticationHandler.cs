using System.Diagnostics;
using System.Text.Encodings.Web;
using Gateway.Api.Errors;
using Gateway.Api.Telemetry;
using Gateway.Audit.Keys;
using Gateway.Audit.Telemetry;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gateway.Api.Security;

/// <summary>
/// Authenticates <c>Authorization: Bearer gw_…</c> or <c>X-API-Key: gw_…</c> against the key store. A key that is
/// presented must be valid (a bad key never falls back to anonymous); with no key, the request is <c>local</c> only
/// while <see cref="AnonymousAccess"/> allows it. Challenges and denials are written as problem+json.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IApiKeyStore keys,
    AnonymousAccess anonymous)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "GatewayApiKey";
    public const string ApiKeyHeader = "X-API-Key";

    private const string FailureItem = "gateway.auth.failure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        using var activity = GatewayActivitySource.Source.StartActivity("gateway.auth");
        var presented = PresentedKey(Request);
        if (presented is null)
        {
            if (anonymous.Allowed && IsLoopbackClient(Context))
            {
                activity?.SetTag("gateway.principal", GatewayPrincipal.LocalName);
                return Success(GatewayPrincipal.Local);
            }

            Context.Items[FailureItem] = GatewayErrorCodes.AuthMissing;
            return AuthenticateResult.NoResult();
        }

        var principal = await keys.AuthenticateAsync(presented, Context.RequestAborted).ConfigureAwait(false);
        if (principal is null)
        {
            activity?.SetStatus(ActivityStatusCode.Error, "invalid key");
            // Never the presented value: a mistyped key is still a secret.
            ApiLog.InvalidKey(Logger, Context.Connection.RemoteIpAddress?.ToString());
            Context.Items[FailureItem] = GatewayErrorCodes.AuthInvalid;
            return AuthenticateResult.Fail("The API key is unknown or revoked.");
        }

        activity?.SetTag("gateway.principal", principal.Name);
        activity?.SetTag("gateway.key_id", principal.KeyId);
        return Success(principal);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var invalid = Context.Items[FailureItem] as string == GatewayErrorCodes.AuthInvalid;
        Response.Headers.WWWAuthenticate = "Bearer";
        return invalid
            ? Problems.WriteAsync(Context, StatusCodes.Status401Unauthorized, GatewayErrorCodes.AuthInvalid, "The API key is unknown or has been revoked.")
            : Problems.WriteAsync(Context, StatusCodes.Status401Unauthorized, GatewayErrorCodes.AuthMissing,
                $"An API key is required: send 'Authorization: Bearer <key>' or '{ApiKeyHeader}: <key>'.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.WriteAsync(Context, StatusCodes.Status403Forbidden, GatewayErrorCodes.Forbidden,
            "This key's roles do not allow this operation.");

    private AuthenticateResult Success(GatewayPrincipal principal) =>
        AuthenticateResult.Success(new AuthenticationTicket(GatewayClaims.ToClaimsPrincipal(principal, SchemeName), SchemeName));

    private static string? PresentedKey(HttpRequest request)
    {
        if (request.Headers[ApiKeyHeader] is { Count: > 0 } apiKey && !string.IsNullOrWhiteSpace(apiKey[0]))
        {
            return apiKey[0]!.Trim();
        }

        var authorization = request.Headers.Authorization.ToString();
        const string bearer = "Bearer ";
        return authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) ? authorization[bearer.Length..].Trim() : null;
    }

    /// <summary>Defence in depth: even on a loopback bind, anonymous use must come from this machine.</summary>
    private static bool IsLoopbackClient(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } remote && System.Net.IPAddress.IsLoopback(remote);
}
