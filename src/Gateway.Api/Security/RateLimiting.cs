using System.Globalization;
using System.Threading.RateLimiting;
using Gateway.Api.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;

namespace Gateway.Api.Security;

/// <summary>
/// Per-key fixed-window limits (per client address for anonymous use). Runs after authentication, so the bucket is
/// the caller's key; a refusal is 429 problem+json with <c>Retry-After</c> in whole seconds.
/// </summary>
internal static class RateLimiting
{
    public const string PerKeyPolicy = "gateway.per-key";

    public static void Configure(RateLimiterOptions limiter, GatewayApiOptions options)
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.AddPolicy(PerKeyPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
            context.User.RateLimitPartition(context.Connection.RemoteIpAddress?.ToString()),
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = options.RateLimitPermits,
                Window = options.RateLimitWindow,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
        limiter.OnRejected = (context, _) =>
        {
            var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
                : (int)Math.Ceiling(options.RateLimitWindow.TotalSeconds);
            context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return new ValueTask(Problems.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, GatewayErrorCodes.RateLimited,
                $"This key's request limit is reached; retry after {seconds} s."));
        };
    }
}
