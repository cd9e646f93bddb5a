using System.Net;
using System.Net.Http.Headers;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace Gateway.Api.Upstreams;

/// <summary>
/// Active health probes: <c>GET</c> of the configured path on each destination, with the upstream's API key, since
/// an OpenAI-compatible server usually guards <c>/v1/models</c> like everything else.
/// </summary>
internal sealed class UpstreamProbeFactory(UpstreamCatalog catalog) : IProbingRequestFactory
{
    public HttpRequestMessage CreateRequest(ClusterModel cluster, DestinationModel destination)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(destination);
        var root = string.IsNullOrEmpty(destination.Config.Health) ? destination.Config.Address : destination.Config.Health;
        var path = cluster.Config.HealthCheck?.Active?.Path ?? "/";
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(root.TrimEnd('/') + path))
        {
            Version = cluster.Config.HttpRequest?.Version ?? HttpVersion.Version20,
            VersionPolicy = cluster.Config.HttpRequest?.VersionPolicy ?? HttpVersionPolicy.RequestVersionOrLower,
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (catalog.ApiKey(cluster.Config.ClusterId) is { } key)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return request;
    }
}
