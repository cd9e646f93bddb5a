using Gateway.Api.Execution;
using Gateway.Api.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gateway.Api.Endpoints;

/// <summary>
/// <c>POST /v1/sql</c>: validated, read-only execution for analysts. Mapped only when an <see cref="IQueryService"/>
/// is registered (the execution stage provides it); without one the route does not exist rather than pretending.
/// </summary>
internal static class SqlEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapPost("/sql", HandleAsync)
            .RequireAuthorization(GatewayPolicies.Analyst)
            .Accepts<SqlRequest>("application/json")
            .Produces<SqlResponse>()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName("RunSql")
            .WithSummary("Validate SQL against the policy and, when allowed, run it read-only on a source.");
    }

    private static async Task<IResult> HandleAsync(HttpContext context, SqlRunService runner)
    {
        var request = await JsonBody.ReadAsync<SqlRequest>(context.Request, context.RequestAborted).ConfigureAwait(false);
        return Results.Ok(await runner.RunAsync(context.User.ToGatewayPrincipal(), request, context.RequestAborted).ConfigureAwait(false));
    }
}
