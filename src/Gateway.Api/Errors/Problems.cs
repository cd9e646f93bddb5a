using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Gateway.Api.Errors;

/// <summary>RFC 7807 problem details with the gateway's <c>code</c> and the trace id that joins logs, spans and audit.</summary>
internal static class Problems
{
    public static ProblemDetails Create(HttpContext context, int status, string code, string detail, IReadOnlyDictionary<string, object?>? extensions = null)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Title = TitleFor(status),
            Detail = detail,
            Type = $"https://gateway.dev/errors/{code}",
            Instance = context.Request.Path,
        };
        foreach (var (name, value) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[name] = value;
        }

        problem.Extensions["code"] = code;
        problem.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
        return problem;
    }

    public static IResult Result(HttpContext context, int status, string code, string detail) =>
        Results.Problem(Create(context, status, code, detail));


    /// <summary>For middleware and handlers that write the response themselves (auth, rate limiting, size limits).</summary>
    public static Task WriteAsync(HttpContext context, int status, string code, string detail, IReadOnlyDictionary<string, object?>? extensions = null)
    {
        if (Models.OpenAiErrors.Applies(context))
        {
            return Models.OpenAiErrors.WriteAsync(context, status, code, detail, extensions);
        }

        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(Create(context, status, code, detail, extensions), options: null, contentType: "application/problem+json");
    }

    private static string TitleFor(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "Bad request",
        StatusCodes.Status401Unauthorized => "Unauthorized",
        StatusCodes.Status403Forbidden => "Forbidden",
        StatusCodes.Status404NotFound => "Not found",
        StatusCodes.Status413PayloadTooLarge => "Request body too large",
        StatusCodes.Status429TooManyRequests => "Too many requests",
        StatusCodes.Status422UnprocessableEntity => "Unprocessable request",
        StatusCodes.Status503ServiceUnavailable => "Service unavailable",
        StatusCodes.Status504GatewayTimeout => "Gateway timeout",
        _ => "Error",
    };
}
