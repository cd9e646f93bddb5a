using System.Text.Json;
using Gateway.Api.Ask;
using Gateway.Api.Errors;
using Gateway.Api.Security;
using Gateway.Ask;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gateway.Api.Endpoints;

/// <summary>
/// <c>POST /v1/ask</c>: a question in plain language, answered with the SQL, the rows, a chart and an analysis (or a
/// prose answer for structure and conversation); <c>POST /v1/ask/stream</c>: the same, as server-sent events, one per
/// stage. Both need the analyst role: they run queries.
/// </summary>
internal static class AskEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapPost("/ask", AskAsync)
            .RequireAuthorization(GatewayPolicies.Analyst)
            .Accepts<AskRequestBody>("application/json")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .WithName("Ask")
            .WithSummary("Ask a question about a source in plain language: route, context, generate, validate, run read-only, present.");

        v1.MapPost("/ask/stream", StreamAsync)
            .RequireAuthorization(GatewayPolicies.Analyst)
            .Accepts<AskRequestBody>("application/json")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .WithName("AskStream")
            .WithSummary("The same as /v1/ask, as server-sent events: one event per stage as it completes, then 'result' (or 'error').");
    }

    private static async Task AskAsync(HttpContext context, AskService asks)
    {
        var body = await JsonBody.ReadAsync<AskRequestBody>(context.Request, context.RequestAborted).ConfigureAwait(false);
        var result = await asks.AskAsync(context.User.ToGatewayPrincipal(), body, observer: null, context.RequestAborted).ConfigureAwait(false);
        context.Response.ContentType = "application/json";
        var writer = new Utf8JsonWriter(context.Response.BodyWriter);
        await using (writer.ConfigureAwait(false))
        {
            AskResultJson.Write(writer, result);
        }
    }

    private static async Task StreamAsync(HttpContext context, AskService asks)
    {
        var body = await JsonBody.ReadAsync<AskRequestBody>(context.Request, context.RequestAborted).ConfigureAwait(false);
        var events = new ServerSentEventsObserver(context.Response);
        AskResult result;
        try
        {
            result = await asks.AskAsync(context.User.ToGatewayPrincipal(), body, events, context.RequestAborted).ConfigureAwait(false);
        }
        catch (ApiProblemException ex) when (events.Started)
        {
            // The status line is gone; the failure travels as the stream's last event, with the same code.
            var problem = new Dictionary<string, object?>(ex.Extensions) { ["status"] = ex.Status, ["code"] = ex.Code, ["detail"] = ex.Message };
            await events.WriteAsync("error", JsonSerializer.Serialize(problem), context.RequestAborted).ConfigureAwait(false);
            return;
        }

        await events.WriteAsync("result", AskResultJson.Serialize(result), context.RequestAborted).ConfigureAwait(false);
    }
}
