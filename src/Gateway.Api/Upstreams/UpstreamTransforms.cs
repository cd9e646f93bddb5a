using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Gateway.Api.Upstreams;

/// <summary>
/// What changes on the way upstream: the caller's gateway credentials (<c>Authorization</c>, <c>X-API-Key</c>,
/// cookies) and the routing header are removed, and the upstream's own key, when it has one, is sent instead. On
/// the way back the answer loses its Content-Length (it is sent chunked), so it ends after its audit record.
/// </summary>
internal static class UpstreamTransforms
{
    public static void Apply(TransformBuilderContext builder, UpstreamCatalog catalog)
    {
        if (builder.Route.Metadata?.TryGetValue(UpstreamProxyConfig.UpstreamMetadata, out var upstream) != true)
        {
            return;
        }

        // Without a length the answer ends only when the proxy pipeline returns, after UpstreamAudit has written
        // its record: a client that has the whole answer can rely on its audit record, as on the local routes.
        builder.AddResponseTransform(context =>
        {
            context.HttpContext.Response.ContentLength = null;
            return ValueTask.CompletedTask;
        });
        builder.AddRequestHeaderRemove(Security.ApiKeyAuthenticationHandler.ApiKeyHeader);
        builder.AddRequestHeaderRemove(HeaderNames.Cookie);
        builder.AddRequestHeaderRemove(UpstreamSelector.Header);
        if (catalog.ApiKey(upstream!) is { } key)
        {
            builder.AddRequestHeader(HeaderNames.Authorization, $"Bearer {key}", append: false);
        }
        else
        {
            builder.AddRequestHeaderRemove(HeaderNames.Authorization);
        }
    }
}
