using Gateway.Api.Security;
using Gateway.Api.Sources;
using Gateway.Execution.Schema;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gateway.Api.Endpoints;

/// <summary>
/// <c>GET /v1/sources</c> (the sources the key grants: name, provider, reachable) and
/// <c>GET /v1/sources/{name}/schema</c> (the introspected model; <c>?format=ddl</c> gives CREATE TABLE text).
/// </summary>
internal static class SourceEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapGet("/sources", ListAsync)
            .RequireAuthorization(GatewayPolicies.Reader)
            .Produces<IReadOnlyList<SourceInfo>>()
            .WithName("ListSources")
            .WithSummary("The sources this key may use, with their provider and whether they answer now.");
        v1.MapGet("/sources/{name}/schema", SchemaAsync)
            .RequireAuthorization(GatewayPolicies.Reader)
            .Produces<SchemaModel>()
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("DescribeSource")
            .WithSummary("A source's tables, columns, keys and samples as JSON, or as DDL with ?format=ddl.");
    }

    private static async Task<IResult> ListAsync(HttpContext context, SourceDirectory directory) =>
        Results.Ok(await directory.ListAsync(context.User.ToGatewayPrincipal(), context.RequestAborted).ConfigureAwait(false));

    private static async Task<IResult> SchemaAsync(HttpContext context, SourceDirectory directory, string name, string? format)
    {
        if (format is not (null or "json" or "ddl"))
        {
            throw new Errors.ApiProblemException(StatusCodes.Status400BadRequest, Errors.GatewayErrorCodes.InvalidRequest, "format is json or ddl.");
        }

        var (source, schema) = await directory.DescribeAsync(context.User.ToGatewayPrincipal(), name, context.RequestAborted).ConfigureAwait(false);
        return format == "ddl"
            ? Results.Text(SourceDirectory.Ddl(source, schema), "text/plain; charset=utf-8")
            : Results.Text(SchemaJson.Serialize(schema), "application/json; charset=utf-8");
    }
}
