using Gateway.Api.Security;
using Gateway.Api.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gateway.Api.Endpoints;

/// <summary><c>POST /v1/validate</c>: the verdict only; nothing runs. Every call is audited.</summary>
internal static class ValidateEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapPost("/validate", HandleAsync)
            .RequireAuthorization(GatewayPolicies.Reader)
            .Accepts<ValidateRequest>("application/json")
            .Produces<ValidateResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName("Validate")
            .WithSummary("Judge SQL for read-only safety against the policy, without running it.");
    }

    private static async Task<IResult> HandleAsync(HttpContext context, ValidationService validation)
    {
        var request = await JsonBody.ReadAsync<ValidateRequest>(context.Request, context.RequestAborted).ConfigureAwait(false);
        var response = await validation.ValidateAsync(context.User.ToGatewayPrincipal(), request, context.RequestAborted).ConfigureAwait(false);
        return Results.Ok(response);
    }
}
