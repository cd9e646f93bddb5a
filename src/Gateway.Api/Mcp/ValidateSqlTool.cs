using System.ComponentModel;
using Gateway.Api.Errors;
using Gateway.Api.Security;
using Gateway.Api.Validation;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace Gateway.Api.Mcp;

/// <summary>
/// MCP <c>validate_sql</c>: the same stage as <c>POST /v1/validate</c>, under the same key, roles and audit. The
/// <c>/mcp</c> endpoint is authorised before the tool runs; the caller is read from the HTTP request.
/// </summary>
[McpServerToolType]
internal sealed class ValidateSqlTool(ValidationService validation, IHttpContextAccessor accessor)
{
    [McpServerTool(Name = "validate_sql", ReadOnly = true, Destructive = false, OpenWorld = false)]
    [Description("Judge one SQL statement for read-only safety against the gateway's policy, without running it. Returns the verdict: allowed, or the rule that rejected it with the reason and position.")]
    public async Task<ValidateResponse> ValidateSqlAsync(
        [Description("The SQL text.")] string sql,
        [Description("Dialect: postgres, mysql, sqlserver or sqlite. Give this or source.")] string? dialect = null,
        [Description("A configured data source name; its dialect is used. Give this or dialect.")] string? source = null,
        CancellationToken cancellationToken = default)
    {
        var context = accessor.HttpContext ?? throw new McpException("validate_sql is served over HTTP only.");
        try
        {
            return await validation.ValidateAsync(
                context.User.ToGatewayPrincipal(),
                new ValidateRequest { Sql = sql, Dialect = dialect, Source = source },
                cancellationToken).ConfigureAwait(false);
        }
        catch (ApiProblemException ex)
        {
            // The MCP client sees a tool error carrying the same stable code the REST API puts in problem+json.
            throw new McpException($"{ex.Code}: {ex.Message}", ex);
        }
    }
}
