using System.ComponentModel;
using Gateway.Api.Errors;
using Gateway.Api.Knowledge;
using Gateway.Api.Security;
using Gateway.Audit.Keys;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace Gateway.Api.Mcp;

/// <summary>
/// MCP <c>add_knowledge</c>, <c>list_knowledge</c>, <c>delete_knowledge</c> and <c>search_knowledge</c>: the same
/// service as <c>/v1/sources/{name}/knowledge</c> (source grant, roles, SQL validation of pairs, one audit record per
/// list, search, add and delete), so the tools are no side door around the REST rules.
/// </summary>
[McpServerToolType]
internal sealed class KnowledgeTools(KnowledgeApiService knowledge, IHttpContextAccessor accessor)
{
    [McpServerTool(Name = "list_knowledge", ReadOnly = true, Destructive = false, OpenWorld = false)]
    [Description("List a source's knowledge, oldest first: documentation snippets (kind doc), DDL notes (kind ddl) and question-SQL pairs (kind pair), each {id, source, kind, text|question+sql, author, created}.")]
    public Task<IReadOnlyList<KnowledgeItemResponse>> ListKnowledgeAsync(
        [Description("A source name, as list_sources gives it.")] string source,
        CancellationToken cancellationToken = default) =>
        RunAsync("list_knowledge", GatewayRoles.Reader, principal => knowledge.ListAsync(principal, source, cancellationToken));

    [McpServerTool(Name = "search_knowledge", ReadOnly = true, Destructive = false, OpenWorld = false)]
    [Description("The knowledge closest to a question, as the ask pipeline retrieves it: {documents, examples}, each best first with its score.")]
    public Task<KnowledgeSearchResponse> SearchKnowledgeAsync(
        [Description("A source name, as list_sources gives it.")] string source,
        [Description("The question or words to look for.")] string query,
        CancellationToken cancellationToken = default) =>
        RunAsync("search_knowledge", GatewayRoles.Reader, principal => knowledge.SearchAsync(principal, source, query, cancellationToken));

    [McpServerTool(Name = "add_knowledge", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false)]
    [Description("Add knowledge to a source: a documentation snippet (text), a DDL note (kind ddl, text) or a question-SQL pair (question, sql; the SQL is validated against the policy first). Returns the stored item.")]
    public Task<KnowledgeItemResponse> AddKnowledgeAsync(
        [Description("A source name, as list_sources gives it.")] string source,
        [Description("doc (default for text) or ddl; leave out for a pair.")] string? kind = null,
        [Description("The snippet or note, for doc and ddl.")] string? text = null,
        [Description("The question of a pair.")] string? question = null,
        [Description("The SQL that answers the question, in the source's dialect.")] string? sql = null,
        CancellationToken cancellationToken = default) =>
        RunAsync("add_knowledge", GatewayRoles.Analyst, principal => knowledge.AddAsync(
            principal, source, new KnowledgeRequest { Kind = kind, Text = text, Question = question, Sql = sql }, cancellationToken));

    [McpServerTool(Name = "delete_knowledge", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false)]
    [Description("Delete one knowledge item by id: its author or an admin. Returns {deleted: id}.")]
    public Task<KnowledgeDeleted> DeleteKnowledgeAsync(
        [Description("A source name, as list_sources gives it.")] string source,
        [Description("The item's id, as list_knowledge gives it.")] string id,
        CancellationToken cancellationToken = default) =>
        // Any authenticated caller may try, as with DELETE: the service allows the author or an admin.
        RunAsync("delete_knowledge", GatewayRoles.None, async principal =>
        {
            await knowledge.DeleteAsync(principal, source, id, cancellationToken).ConfigureAwait(false);
            return new KnowledgeDeleted(id);
        });

    private async Task<T> RunAsync<T>(string tool, GatewayRoles role, Func<GatewayPrincipal, Task<T>> call)
    {
        var context = accessor.HttpContext ?? throw new McpException($"{tool} is served over HTTP only.");
        var principal = context.User.ToGatewayPrincipal();
        if (role != GatewayRoles.None && !principal.HasRole(role))
        {
            // The REST route needs this role; the tool is no side door around it.
            throw new McpException($"{GatewayErrorCodes.Forbidden}: {tool} needs the {role.ToString().ToLowerInvariant()} role.");
        }

        try
        {
            return await call(principal).ConfigureAwait(false);
        }
        catch (ApiProblemException ex)
        {
            // The tool error carries the same stable code the REST API puts in problem+json.
            throw new McpException($"{ex.Code}: {ex.Message}", ex);
        }
    }
}
