using System.ComponentModel;
using System.Text.Json;
using Gateway.Api.Ask;
using Gateway.Api.Errors;
using Gateway.Api.Security;
using Gateway.Ask;
using Gateway.Audit.Keys;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace Gateway.Api.Mcp;

/// <summary>
/// MCP <c>ask</c>: the same pipeline as <c>POST /v1/ask</c> (source grant, generation, validation, read-only
/// execution, chart and analysis, one audit record), returning the same JSON object.
/// </summary>
[McpServerToolType]
internal sealed class AskTool(AskService asks, IHttpContextAccessor accessor)
{
    [McpServerTool(Name = "ask", ReadOnly = true, Destructive = false, OpenWorld = false)]
    [Description("Ask a question about a source in plain language. The gateway writes SQL, validates it against its policy, runs it read-only and returns " +
                 "{question, route, sql, dialect, verdict, columns, rows, row_count, truncated, chart, analysis, answer, code, candidates_tried, timings_ms, audit_id, conversation_id}. " +
                 "Pass conversation_id back to refine the previous question.")]
    public async Task<JsonElement> AskAsync(
        [Description("A source name, as list_sources gives it.")] string source,
        [Description("The question in plain language.")] string question,
        [Description("The conversation_id of an earlier answer, to refine it (optional).")] string? conversation_id = null,
        [Description("A configured generator's name (optional; default: the configured default).")] string? generator = null,
        CancellationToken cancellationToken = default)
    {
        var context = accessor.HttpContext ?? throw new McpException("ask is served over HTTP only.");
        var principal = context.User.ToGatewayPrincipal();
        if (!principal.HasRole(GatewayRoles.Analyst))
        {
            // POST /v1/ask needs the analyst role; the tool is no side door around it.
            throw new McpException($"{GatewayErrorCodes.Forbidden}: ask needs the analyst role.");
        }

        try
        {
            var result = await asks.AskAsync(principal, new AskRequestBody { Source = source, Question = question, ConversationId = conversation_id, Generator = generator }, observer: null, cancellationToken).ConfigureAwait(false);
            using var document = JsonDocument.Parse(AskResultJson.Serialize(result));
            return document.RootElement.Clone();
        }
        catch (ApiProblemException ex)
        {
            // The tool error carries the same stable code the REST API puts in problem+json.
            throw new McpException($"{ex.Code}: {ex.Message}", ex);
        }
    }
}
