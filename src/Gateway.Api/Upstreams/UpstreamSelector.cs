using System.Security.Cryptography;
using System.Text.Json;
using Gateway.Api.Errors;
using Microsoft.AspNetCore.Http;

namespace Gateway.Api.Upstreams;

/// <summary>What the audit step needs of a forwarded request, found while choosing its upstream.</summary>
internal sealed record UpstreamRequest(string Upstream, string Model, string PromptSummary);

/// <summary>
/// Runs before routing: reads the <c>model</c> of an OpenAI request body (buffered, so it is forwarded unchanged)
/// and, when an upstream serves that model, names it in <see cref="Header"/> for the upstream's route to match. The
/// header is always removed from the client's request first, so a client cannot pick a route itself.
/// </summary>
internal sealed class UpstreamSelector(RequestDelegate next, UpstreamCatalog catalog)
{
    public const string Header = "X-Gateway-Upstream";

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        request.Headers.Remove(Header);
        if (HttpMethods.IsPost(request.Method) && request.HasJsonContentType()
            && UpstreamCatalog.ForwardedPaths.Any(p => request.Path.Equals(p, StringComparison.Ordinal)))
        {
            request.EnableBuffering();
            byte[] body;
            try
            {
                using var buffer = new MemoryStream();
                await request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
                body = buffer.ToArray();
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                await Problems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, GatewayErrorCodes.BodyTooLarge, "The request body exceeds the size limit.").ConfigureAwait(false);
                return;
            }

            request.Body.Position = 0;
            if (ModelOf(body) is { } model && catalog.TryGetUpstream(model, out var upstream))
            {
                request.Headers[Header] = upstream;
                context.Features.Set(new UpstreamRequest(upstream, model, Summary(request.Path, body)));
            }
        }

        await next(context).ConfigureAwait(false);
    }

    /// <summary>The top-level <c>model</c> string; null for anything else, which the local endpoint then reports.</summary>
    private static string? ModelOf(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("model", out var model) && model.ValueKind == JsonValueKind.String
                ? model.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The audit trail keeps the body's size and fingerprint, never its text.</summary>
    private static string Summary(PathString path, byte[] body) =>
        $"{path.Value}: {body.Length} bytes, sha256:{Convert.ToHexStringLower(SHA256.HashData(body))}";
}
