using System.ComponentModel;
using Gateway.Api.Errors;
using Gateway.Api.Security;
using Gateway.Api.Sources;
using Gateway.Execution.Schema;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace Gateway.Api.Mcp;

/// <summary>
/// MCP <c>list_sources</c> and <c>describe_source</c>: the same answers as <c>GET /v1/sources</c> and
/// <c>GET /v1/sources/{name}/schema</c>, filtered by the calling key's sources.
/// </summary>
[McpServerToolType]
internal sealed class SourceTools(SourceDirectory directory, IHttpContextAccessor accessor)
{
    [McpServerTool(Name = "list_sources", ReadOnly = true, Destructive = false, OpenWorld = false)]
    [Description("List the data sources this key may query: name, provider (the SQL dialect) and whether each answers now.")]
    public async Task<IReadOnlyList<SourceInfo>> ListSourcesAsync(CancellationToken cancellationToken = default)
    {
        var context = accessor.HttpContext ?? throw new McpException("list_sources is served over HTTP only.");
        return await directory.ListAsync(context.User.ToGatewayPrincipal(), cancellationToken).ConfigureAwait(false);
    }

    [McpServerTool(Name = "describe_source", ReadOnly = true, Destructive = false, OpenWorld = false)]
    [Description("Describe one source's schema: tables, views, columns with types, keys, comments, row estimates and sample values. format: json (default) or ddl.")]
    public async Task<string> DescribeSourceAsync(
        [Description("The source name, as list_sources gives it.")] string source,
        [Description("json or ddl.")] string format = "json",
        CancellationToken cancellationToken = default)
    {
        var context = accessor.HttpContext ?? throw new McpException("describe_source is served over HTTP only.");
        try
        {
            var (descriptor, schema) = await directory.DescribeAsync(context.User.ToGatewayPrincipal(), source, cancellationToken).ConfigureAwait(false);
            return format == "ddl" ? SourceDirectory.Ddl(descriptor, schema) : SchemaJson.Serialize(schema);
        }
        catch (ApiProblemException ex)
        {
            throw new McpException($"{ex.Code}: {ex.Message}", ex);
        }
    }
}
