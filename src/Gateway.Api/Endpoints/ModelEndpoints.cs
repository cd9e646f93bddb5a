using Gateway.Api.Models;
using Gateway.Api.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gateway.Api.Endpoints;

/// <summary>
/// The OpenAI-compatible surface: <c>POST /v1/chat/completions</c> (analysts) on the local models, and
/// <c>GET /v1/models</c> (readers) listing local and upstream models. Requests for an upstream model never reach
/// these handlers: <see cref="Upstreams.UpstreamSelector"/> routes them to the proxy first.
/// </summary>
internal static class ModelEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapPost("/chat/completions", CompleteAsync)
            .RequireAuthorization(GatewayPolicies.Analyst)
            .Accepts<ChatCompletionRequest>("application/json")
            .Produces<ChatCompletionResponse>()
            .WithName("ChatCompletions")
            .WithSummary("OpenAI-compatible chat completion on a local model (or forwarded to an upstream), whole or streamed as server-sent events.");
        v1.MapGet("/models", (ModelDirectory directory) => Results.Json(directory.List()))
            .RequireAuthorization(GatewayPolicies.Reader)
            .Produces<ModelList>()
            .WithName("ListModels")
            .WithSummary("The models this gateway serves: local models and upstream routes.");
        v1.MapGet("/models/{id}", (string id, ModelDirectory directory) => Results.Json(directory.Find(id)))
            .RequireAuthorization(GatewayPolicies.Reader)
            .Produces<ModelEntry>()
            .WithName("GetModel")
            .WithSummary("One model by id; 404 model_not_found when this gateway does not serve it.");
    }

    private static async Task CompleteAsync(HttpContext context, ChatCompletionService completions)
    {
        var request = await JsonBody.ReadAsync<ChatCompletionRequest>(context.Request, context.RequestAborted).ConfigureAwait(false);
        var spec = ChatCompletionRequestReader.Read(request);
        var principal = context.User.ToGatewayPrincipal();
        if (spec.Stream)
        {
            await completions.StreamAsync(principal, spec, context.Response, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var response = await completions.CompleteAsync(principal, spec, context.RequestAborted).ConfigureAwait(false);
        await context.Response.WriteAsJsonAsync(response, context.RequestAborted).ConfigureAwait(false);
    }
}
