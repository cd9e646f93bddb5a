using System.Text.Json;
using Gateway.Api.Errors;
using Microsoft.AspNetCore.Http;

namespace Gateway.Api.Endpoints;

/// <summary>
/// Reads a JSON body by hand rather than through parameter binding, so a malformed body and an oversize chunked
/// body get the gateway's own problem codes (400 <c>request.invalid</c>, 413 <c>request.too_large</c>).
/// </summary>
internal static class JsonBody
{
    public static async Task<T> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, GatewayErrorCodes.InvalidRequest, "The body must be JSON (Content-Type: application/json).");
        }

        try
        {
            return await request.ReadFromJsonAsync<T>(cancellationToken).ConfigureAwait(false)
                ?? throw new ApiProblemException(StatusCodes.Status400BadRequest, GatewayErrorCodes.InvalidRequest, "The body must be a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, GatewayErrorCodes.InvalidRequest, $"The body is not valid JSON: {ex.Message}");
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new ApiProblemException(StatusCodes.Status413PayloadTooLarge, GatewayErrorCodes.BodyTooLarge, "The request body exceeds the size limit.");
        }
    }
}
