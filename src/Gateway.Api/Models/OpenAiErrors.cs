using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace Gateway.Api.Models;

/// <summary>
/// OpenAI's error body, <c>{"error":{"message","type","param","code"}}</c>, for the OpenAI-compatible routes, so
/// OpenAI clients read the gateway's refusals (auth, limits, bad requests) as they read OpenAI's. <c>code</c> is
/// the gateway's stable error code; <c>type</c> is OpenAI's class of error for the status.
/// </summary>
internal static class OpenAiErrors
{
    /// <summary>The problem extension that names the offending request member.</summary>
    public const string ParamExtension = "param";

    /// <summary>True for the paths OpenAI clients call: <c>/v1/chat/…</c>, <c>/v1/models…</c>, <c>/v1/completions</c>, <c>/v1/embeddings</c>.</summary>
    public static bool Applies(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = context.Request.Path;
        return path.StartsWithSegments("/v1/chat") || path.StartsWithSegments("/v1/models")
            || path.StartsWithSegments("/v1/completions") || path.StartsWithSegments("/v1/embeddings");
    }

    public static Task WriteAsync(HttpContext context, int status, string code, string message, IReadOnlyDictionary<string, object?>? extensions = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        var param = extensions is not null && extensions.TryGetValue(ParamExtension, out var value) ? value as string : null;
        return context.Response.WriteAsJsonAsync(new ErrorBody(new ErrorDetail(message, TypeFor(status), param, code)), options: null, contentType: "application/json");
    }

    public static string TypeFor(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "authentication_error",
        StatusCodes.Status403Forbidden => "permission_error",
        StatusCodes.Status429TooManyRequests => "rate_limit_error",
        >= 500 => "server_error",
        _ => "invalid_request_error",
    };

    internal sealed record ErrorBody([property: JsonPropertyName("error")] ErrorDetail Error);

    internal sealed record ErrorDetail(
        [property: JsonPropertyName("message")] string Message,
        [property: JsonPropertyName("type")] string Type,
        [property: JsonPropertyName("param")] string? Param,
        [property: JsonPropertyName("code")] string Code);
}
