using Gateway.Api.Ask;
using Gateway.Api.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gateway.Api.Endpoints;

/// <summary>
/// <c>GET /v1/conversations/{id}</c> and <c>DELETE /v1/conversations/{id}</c>: the caller's own conversation (its
/// questions, SQL and verdicts) and forgetting it. Anyone authenticated may call; only the owner finds anything.
/// </summary>
internal static class ConversationEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapGet("/conversations/{id}", GetAsync)
            .RequireAuthorization()
            .Produces<ConversationResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetConversation")
            .WithSummary("One of the caller's conversations: its source and turns (question, sql, verdict, time, audit_id), oldest first.");
        v1.MapDelete("/conversations/{id}", DeleteAsync)
            .RequireAuthorization()
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("DeleteConversation")
            .WithSummary("Forget one of the caller's conversations and its turns.");
    }

    private static async Task<IResult> GetAsync(HttpContext context, ConversationService conversations, string id) =>
        Results.Ok(await conversations.GetAsync(context.User.ToGatewayPrincipal(), id, context.RequestAborted).ConfigureAwait(false));

    private static async Task<IResult> DeleteAsync(HttpContext context, ConversationService conversations, string id)
    {
        await conversations.DeleteAsync(context.User.ToGatewayPrincipal(), id, context.RequestAborted).ConfigureAwait(false);
        return Results.NoContent();
    }
}
