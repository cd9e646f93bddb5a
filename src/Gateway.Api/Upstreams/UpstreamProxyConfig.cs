using Gateway.Api.Security;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;

namespace Gateway.Api.Upstreams;

/// <summary>
/// The upstreams as YARP routes and clusters: one cluster per upstream (its destinations, load-balancing policy and
/// active health check), and per forwarded path one route that matches only when <see cref="UpstreamSelector"/> has
/// named that upstream. Routes carry the gateway's analyst policy and per-key rate limit.
/// </summary>
internal static class UpstreamProxyConfig
{
    /// <summary>Route metadata naming the upstream, read by the transforms and the audit step.</summary>
    public const string UpstreamMetadata = "gateway.upstream";

    public static IReadOnlyList<RouteConfig> Routes(UpstreamCatalog catalog) =>
    [
        .. catalog.Upstreams.Keys.SelectMany(name => UpstreamCatalog.ForwardedPaths.Select(path => new RouteConfig
        {
            RouteId = $"{name}:{path}",
            ClusterId = name,
            // Ahead of the gateway's own /v1/chat/completions, which would otherwise match the same path.
            Order = -1,
            Match = new RouteMatch
            {
                Path = path,
                Methods = ["POST"],
                Headers = [new RouteHeader { Name = UpstreamSelector.Header, Values = [name], Mode = HeaderMatchMode.ExactHeader, IsCaseSensitive = true }],
            },
            AuthorizationPolicy = GatewayPolicies.Analyst,
            RateLimiterPolicy = RateLimiting.PerKeyPolicy,
            Metadata = new Dictionary<string, string> { [UpstreamMetadata] = name },
        })),
    ];

    public static IReadOnlyList<ClusterConfig> Clusters(UpstreamCatalog catalog) =>
    [
        .. catalog.Upstreams.Select(upstream => new ClusterConfig
        {
            ClusterId = upstream.Key,
            LoadBalancingPolicy = upstream.Value.LoadBalancing,
            Destinations = upstream.Value.Destinations
                .Select((address, i) => (Id: $"{upstream.Key}-{i + 1}", Address: address))
                .ToDictionary(d => d.Id, d => new DestinationConfig { Address = d.Address }),
            HealthCheck = upstream.Value.HealthCheck is { Enabled: true } health
                ? new HealthCheckConfig
                {
                    // Never to a destination known to be down, even when all are: the client gets a clear 503.
                    AvailableDestinationsPolicy = HealthCheckConstants.AvailableDestinations.HealthyAndUnknown,
                    Active = new ActiveHealthCheckConfig
                    {
                        Enabled = true,
                        Interval = health.Interval,
                        Timeout = health.Timeout,
                        Policy = "ConsecutiveFailures",
                        Path = health.Path,
                    },
                }
                : null,
            HttpRequest = new ForwarderRequestConfig { ActivityTimeout = upstream.Value.Timeout },
            Metadata = new Dictionary<string, string>
            {
                [ConsecutiveFailuresHealthPolicyOptions.ThresholdMetadataName] = upstream.Value.HealthCheck.FailureThreshold.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
        }),
    ];
}
