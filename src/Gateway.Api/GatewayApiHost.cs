using Gateway.Api.Endpoints;
using Gateway.Api.Errors;
using Gateway.Api.Security;
using Gateway.Api.Sources;
using Gateway.Api.Telemetry;
using Gateway.Sql.Policy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Scalar.AspNetCore;

namespace Gateway.Api;

/// <summary>
/// Builds the gateway's web application: services, the middleware order and every endpoint, fixed here in one
/// place. <c>gateway serve</c> runs it; tests start the same host on <c>http://127.0.0.1:0</c>.
/// </summary>
public static class GatewayApiHost
{
    /// <summary>
    /// Throws <see cref="GatewayApiConfigurationException"/> listing every configuration error. <paramref name="configure"/>
    /// runs before the gateway's own registrations, so services it adds (an <see cref="Execution.IQueryService"/>, another
    /// audit store) take precedence.
    /// </summary>
    public static async Task<WebApplication> BuildAsync(GatewayApiOptions options, Action<WebApplicationBuilder>? configure = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var sources = SourceCatalog.Parse(options.Sources, out var sourceErrors, options.DataDirectory);
        List<string> errors = [.. sourceErrors, .. Models.LocalModelOptionsCheck.Errors(options.Models)];
        if (Gateway.Audit.AuditStores.Problem(options.Audit) is { } auditProblem)
        {
            errors.Add(auditProblem);
        }

        var upstreams = Upstreams.UpstreamCatalog.Create(options.Upstreams, options.Models.Keys, Environment.GetEnvironmentVariable, errors);
        if (errors.Count > 0)
        {
            throw new GatewayApiConfigurationException(errors);
        }

        var policy = options.PolicyFile is { } policyFile
            ? await SqlPolicyLoader.LoadFileAsync(policyFile, cancellationToken).ConfigureAwait(false)
            : SqlPolicyLoader.LoadDefault();

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = "gateway" });
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.UseUrls([.. options.Urls]);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(json => json.IncludeScopes = true);
        // Per-request framework chatter at Information would drown the gateway's own events; warnings still show.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // Every log line carries the trace and span ids, joining it to its spans and its audit record.
        builder.Logging.Configure(logging => logging.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        // The caller goes first: its registrations win over the TryAdd defaults, its configuration over the environment.
        configure?.Invoke(builder);
        builder.Services.AddGatewayApi(options, sources, policy);
        Upstreams.UpstreamServices.Add(builder.Services, upstreams);
        OpenTelemetrySetup.Add(builder.Services, builder.Configuration);

        var app = builder.Build();
        Compose(app);
        app.Lifetime.ApplicationStarted.Register(() => OnStarted(app));
        return app;
    }

    /// <summary>The addresses the server actually bound (port 0 resolved), available once started.</summary>
    public static IReadOnlyList<string> BoundAddresses(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return [.. app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses];
    }

    private static void Compose(WebApplication app)
    {
        app.UseMiddleware<ProblemExceptionMiddleware>();
        app.UseMiddleware<RequestSizeLimitMiddleware>();
        app.UseStatusCodePages();
        Upstreams.UpstreamServices.UseSelector(app);
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        HealthEndpoints.Map(app);
        app.MapPrometheusScrapingEndpoint().AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference().AllowAnonymous();

        var v1 = app.MapGroup("/v1").RequireRateLimiting(RateLimiting.PerKeyPolicy);
        ValidateEndpoints.Map(v1);
        AuditEndpoints.Map(v1);
        SourceEndpoints.Map(v1);
        AskEndpoints.Map(v1);
        ConversationEndpoints.Map(v1);
        KnowledgeEndpoints.Map(v1);
        ModelEndpoints.Map(v1);
        if (app.Services.GetRequiredService<IServiceProviderIsService>().IsService(typeof(Execution.IQueryService)))
        {
            SqlEndpoints.Map(v1);
        }

        Upstreams.UpstreamServices.Map(app);
        app.MapMcp("/mcp")
            .RequireAuthorization(GatewayPolicies.Reader)
            .RequireRateLimiting(RateLimiting.PerKeyPolicy);
    }

    private static void OnStarted(WebApplication app)
    {
        var addresses = BoundAddresses(app);
        var anonymous = app.Services.GetRequiredService<AnonymousAccess>();
        anonymous.OnListening(addresses);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GatewayApiHost).FullName!);
        ApiLog.Listening(logger, string.Join(", ", addresses), anonymous.Allowed ? "on (loopback only)" : "off");
    }
}

/// <summary>The server was given configuration it cannot run with; <see cref="Errors"/> lists every problem.</summary>
public sealed class GatewayApiConfigurationException : Exception
{
    public GatewayApiConfigurationException() : this([]) { }

    public GatewayApiConfigurationException(string message) : this([message]) { }

    public GatewayApiConfigurationException(string message, Exception inner) : base(message, inner) => Errors = [message];

    public GatewayApiConfigurationException(IReadOnlyList<string> errors) : base(string.Join(Environment.NewLine, errors)) => Errors = errors;

    public IReadOnlyList<string> Errors { get; }
}
