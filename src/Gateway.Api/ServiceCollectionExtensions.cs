using System.Diagnostics;
using Gateway.Api.Ask;
using Gateway.Api.Errors;
using Gateway.Ask;
using Gateway.Api.Mcp;
using Gateway.Api.Security;
using Gateway.Api.Sources;
using Gateway.Api.Validation;
using Gateway.Audit;
using Gateway.Context;
using Gateway.Execution;
using Gateway.Presentation;
using Gateway.Sql.Policy;
using Gateway.Sql.Validation;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Api;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Everything the front door needs, in one place. Stages are <c>TryAdd</c>ed so a host (or the execution stage,
    /// registering <see cref="Execution.IQueryService"/>) can supply its own first.
    /// </summary>
    public static IServiceCollection AddGatewayApi(this IServiceCollection services, GatewayApiOptions options, SourceCatalog sources, SqlPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddGatewayGovernance(new GovernanceOptions { DataDirectory = options.DataDirectory, Audit = options.Audit });
        services.TryAddSingleton(options);
        services.TryAddSingleton(sources);
        services.TryAddSingleton(policy);
        services.TryAddSingleton<ISqlValidator, SqlValidator>();
        services.TryAddSingleton<SqlTargetResolver>();
        services.TryAddSingleton<ValidationService>();
        // Resolvable only once an IQueryService is registered; /v1/sql is mapped only then.
        services.TryAddSingleton<Execution.SqlRunService>();
        services.AddGatewayExecution(Path.Combine(options.DataDirectory, "schema-cache"));
        // The one validate-then-execute path, shared by /v1/sql and MCP run_sql (validation) and the query service.
        services.TryAddSingleton(sp => new SqlExecutionPath(
            sp.GetRequiredService<SqlPolicy>(), sp.GetRequiredService<ISqlValidator>(), sp.GetRequiredService<IQueryExecutorFactory>()));
        services.AddGatewayPresentation();
        var context = options.Context ?? new ContextOptions { DataDirectory = options.DataDirectory };
        services.AddGatewayContext(context);
        // Conversations live in the same metadata store as the knowledge, so they survive a restart.
        services.AddGatewayConversations(context.Store, context.DataDirectory);
        services.TryAddSingleton<Auditing.AuditedReads>();
        services.TryAddSingleton<Knowledge.KnowledgeTargets>();
        services.TryAddSingleton<Knowledge.KnowledgeApiService>();
        services.TryAddSingleton<Knowledge.FeedbackService>();
        services.TryAddSingleton<SourceOpener>();
        services.TryAddSingleton<SourceProbe>();
        services.TryAddSingleton<SourceDirectory>();
        services.TryAddSingleton<Execution.IQueryService, Execution.ExecutionQueryService>();
        services.TryAddSingleton(new AnonymousAccess(options.Anonymous));
        // The host registers its generators (SqlGeneratorCatalog) and ask settings first; without them data questions
        // get the "no generator configured" route.
        // The context stage links the schema and retrieves knowledge (Gateway.Context) rather than sending every table.
        services.TryAddSingleton<Gateway.Ask.Context.IAskContextProvider, Gateway.Ask.Context.LinkedContextProvider>();
        services.AddGatewayAsk(new AskOptions { QueryTimeout = options.QueryTimeout });
        services.TryAddSingleton<AskService>();
        services.TryAddSingleton<ConversationService>();
        services.AddHttpContextAccessor();
        services.TryAddSingleton<Models.LocalModelRegistry>();
        services.TryAddSingleton<Models.ModelDirectory>();
        services.TryAddSingleton<Models.ModelMetrics>();
        services.TryAddSingleton<Models.ChatCompletionService>();

        services.AddProblemDetails(problem => problem.CustomizeProblemDetails = context =>
        {
            // Bare status codes (404, 405) get the same shape as the gateway's own problems.
            context.ProblemDetails.Extensions.TryAdd("code", context.ProblemDetails.Status switch
            {
                StatusCodes.Status404NotFound => GatewayErrorCodes.NotFound,
                >= 500 => GatewayErrorCodes.Internal,
                _ => GatewayErrorCodes.InvalidRequest,
            });
            context.ProblemDetails.Extensions.TryAdd("traceId", Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier);
        });
        services.AddRateLimiter(limiter => RateLimiting.Configure(limiter, options));
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, configureOptions: null);
        services.AddAuthorization(GatewayPolicies.Add);
        services.AddOpenApi(openApi => openApi.AddDocumentTransformer<Endpoints.ApiKeySecurityScheme>());
        services.AddMcpServer(mcp => mcp.ServerInfo = new ModelContextProtocol.Protocol.Implementation
        {
            Name = "gateway",
            Version = typeof(ServiceCollectionExtensions).Assembly.GetName().Version?.ToString() ?? "0.0.0",
        })
            // Stateless: each tool call is one authenticated, audited HTTP request; no server-side sessions to leak.
            .WithHttpTransport(http => http.Stateless = true)
            .WithTools<ValidateSqlTool>()
            .WithTools<SourceTools>()
            .WithTools<RunSqlTool>()
            .WithTools<AskTool>()
            .WithTools<KnowledgeTools>();
        return services;
    }
}
