using Gateway.Api.Knowledge;
using Gateway.Api.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gateway.Api.Endpoints;

/// <summary>
/// <c>GET/POST /v1/sources/{name}/knowledge</c>, <c>DELETE /v1/sources/{name}/knowledge/{id}</c> and
/// <c>POST /v1/feedback</c>: the per-source documentation, DDL notes and question-SQL pairs the context stage retrieves.
/// </summary>
internal static class KnowledgeEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapGet("/sources/{name}/knowledge", ListAsync)
            .RequireAuthorization(GatewayPolicies.Reader)
            .Produces<IReadOnlyList<KnowledgeItemResponse>>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("ListKnowledge")
            .WithSummary("A source's documentation snippets, DDL notes and question-SQL pairs, oldest first.");
        v1.MapPost("/sources/{name}/knowledge", AddAsync)
            .RequireAuthorization(GatewayPolicies.Analyst)
            .Accepts<KnowledgeRequest>("application/json")
            .Produces<KnowledgeItemResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithName("AddKnowledge")
            .WithSummary("Add a doc ({text}), a DDL note ({kind: ddl, text}) or a question-SQL pair ({question, sql}; the SQL is validated first).");
        // Any authenticated caller reaches the handler, which allows the item's author or an admin.
        v1.MapDelete("/sources/{name}/knowledge/{id}", DeleteAsync)
            .RequireAuthorization()
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("DeleteKnowledge")
            .WithSummary("Delete a knowledge item: its author or an admin.");
        v1.MapPost("/feedback", FeedbackAsync)
            .RequireAuthorization(GatewayPolicies.Analyst)
            .Accepts<FeedbackRequest>("application/json")
            .Produces<FeedbackResponse>()
            .Produces<FeedbackResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithName("Feedback")
            .WithSummary("Confirm or correct an audited answer; it becomes a question-SQL pair for its source.");
    }

    private static async Task<IResult> ListAsync(HttpContext context, KnowledgeApiService knowledge, string name) =>
        Results.Ok(await knowledge.ListAsync(context.User.ToGatewayPrincipal(), name, context.RequestAborted).ConfigureAwait(false));

    private static async Task<IResult> AddAsync(HttpContext context, KnowledgeApiService knowledge, string name)
    {
        var request = await JsonBody.ReadAsync<KnowledgeRequest>(context.Request, context.RequestAborted).ConfigureAwait(false);
        var item = await knowledge.AddAsync(context.User.ToGatewayPrincipal(), name, request, context.RequestAborted).ConfigureAwait(false);
        return Results.Created($"/v1/sources/{Uri.EscapeDataString(item.Source)}/knowledge/{Uri.EscapeDataString(item.Id)}", item);
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, KnowledgeApiService knowledge, string name, string id)
    {
        await knowledge.DeleteAsync(context.User.ToGatewayPrincipal(), name, id, context.RequestAborted).ConfigureAwait(false);
        return Results.NoContent();
    }

    private static async Task<IResult> FeedbackAsync(HttpContext context, FeedbackService feedback)
    {
        var request = await JsonBody.ReadAsync<FeedbackRequest>(context.Request, context.RequestAborted).ConfigureAwait(false);
        var response = await feedback.SubmitAsync(context.User.ToGatewayPrincipal(), request, context.RequestAborted).ConfigureAwait(false);
        return response.Stored ? Results.Created((string?)null, response) : Results.Ok(response);
    }
}
