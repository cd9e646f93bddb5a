using System.ComponentModel;
using System.Text.Json;
using Gateway.Api.Errors;
using Gateway.Api.Execution;
using Gateway.Api.Security;
using Gateway.Audit.Keys;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace Gateway.Api.Mcp;

/// <summary>
/// MCP <c>run_sql</c>: the same pipeline as <c>POST /v1/sql</c> (source grant, validation, read-only execution,
/// chart, one audit record), returning the same JSON object.
/// </summary>
[McpServerToolType]
internal sealed class RunSqlTool(SqlRunService runner, IHttpContextAccessor accessor)
{
    [McpServerTool(Name = "run_sql", ReadOnly = true, Destructive = false, OpenWorld = false)]
    [Description("Validate one SQL statement against the gateway's policy and, when allowed, run it read-only on a source. Returns {sql, source, columns, rows, row_count, truncated, chart, elapsed_ms, audit_id, trace_id}.")]
    public async Task<JsonElement> RunSqlAsync(
        [Description("A source name, as list_sources gives it.")] string source,
        [Description("One read-only SQL statement in the source's dialect.")] string sql,
        CancellationToken cancellationToken = default)
    {
        var context = accessor.HttpContext ?? throw new McpException("run_sql is served over HTTP only.");
        var principal = context.User.ToGatewayPrincipal();
        if (!principal.HasRole(GatewayRoles.Analyst))
        {
            // POST /v1/sql needs the analyst role; the tool is no side door around it.
            throw new McpException($"{GatewayErrorCodes.Forbidden}: run_sql needs the analyst role.");
        }

        try
        {
            var response = await runner.RunAsync(principal, new SqlRequest { Source = source, Sql = sql }, cancellationToken).ConfigureAwait(false);
            return JsonSerializer.SerializeToElement(response);
        }
        catch (ApiProblemException ex)
        {
            // The tool error carries the same stable code the REST API puts in problem+json.
            throw new McpException($"{ex.Code}: {ex.Message}", ex);
        }
    }
}
