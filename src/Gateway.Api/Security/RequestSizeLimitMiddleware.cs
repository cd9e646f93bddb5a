using Gateway.Api.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Gateway.Api.Security;

/// <summary>
/// Refuses a declared oversize body with 413 before any of it is read, and caps undeclared (chunked) bodies so
/// Kestrel stops reading at the limit; the endpoints turn that into the same 413.
/// </summary>
internal sealed class RequestSizeLimitMiddleware(RequestDelegate next, GatewayApiOptions options)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength is { } length && length > options.MaxRequestBodyBytes)
        {
            return Problems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, GatewayErrorCodes.BodyTooLarge,
                $"The request body is {length:N0} bytes; the limit is {options.MaxRequestBodyBytes:N0}.");
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.MaxRequestBodyBytes;
        }

        return next(context);
    }
}
