using System.Diagnostics;
using Gateway.Api.Errors;
using Gateway.Api.Models;
using Gateway.Api.Security;
using Gateway.Audit.Telemetry;
using Gateway.Audit.Trail;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Gateway.Api.Upstreams;

/// <summary>
/// The first step of the proxy pipeline: a <c>gateway.upstream</c> span around the forwarding, one audit record per
/// forwarded request (principal, upstream, model, the body's size and SHA-256, the status) and the
/// <c>gateway.upstream.requests</c> counter. A request YARP could not forward (no healthy destination, connection
/// refused) gets an OpenAI-shaped error instead of an empty body.
/// </summary>
internal sealed class UpstreamAudit(IAuditStore audit, GatewayMetrics metrics, ModelMetrics modelMetrics, TimeProvider time, ILogger<UpstreamAudit> logger)
{
    public const string Operation = "upstream";

    public async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var started = time.GetTimestamp();
        var proxy = context.Features.Get<IReverseProxyFeature>();
        var upstream = proxy?.Route.Config.Metadata?.GetValueOrDefault(UpstreamProxyConfig.UpstreamMetadata) ?? "unknown";
        var request = context.Features.Get<UpstreamRequest>();
        using var activity = GatewayActivitySource.Source.StartActivity("gateway.upstream");
        activity?.SetTag("gateway.upstream", upstream);
        activity?.SetTag("gen_ai.request.model", request?.Model);

        await next().ConfigureAwait(false);

        var status = context.Response.StatusCode;
        var error = context.Features.Get<IForwarderErrorFeature>()?.Error ?? ForwarderError.None;
        activity?.SetTag("server.address", proxy?.ProxiedDestination?.Model.Config.Address);
        activity?.SetTag("http.response.status_code", status);
        string? code = error switch
        {
            ForwarderError.None when status < 400 => null,
            ForwarderError.None => $"upstream.http_{status}",
            ForwarderError.NoAvailableDestinations => GatewayErrorCodes.UpstreamUnavailable,
            _ => GatewayErrorCodes.UpstreamFailed,
        };
        if (code is not null)
        {
            activity?.SetStatus(ActivityStatusCode.Error, code);
        }

        if (error != ForwarderError.None && !context.Response.HasStarted)
        {
            var message = error == ForwarderError.NoAvailableDestinations
                ? $"No destination of upstream '{upstream}' is healthy."
                : $"Upstream '{upstream}' could not be reached or failed while answering.";
            await OpenAiErrors.WriteAsync(context, status >= 500 ? status : StatusCodes.Status502BadGateway, code!, message).ConfigureAwait(false);
        }

        modelMetrics.Forwarded(upstream, context.Response.StatusCode);
        metrics.RequestCompleted(Operation, code is null ? "allowed" : "error");
        try
        {
            await audit.AppendAsync(new AuditEvent
            {
                Principal = context.User.ToGatewayPrincipal().Name,
                Source = $"upstream:{upstream}",
                ModelId = request?.Model,
                Question = request?.PromptSummary,
                Verdict = code is null ? AuditVerdict.Allowed : AuditVerdict.Error,
                ErrorCode = code,
                TraceId = Activity.Current?.TraceId.ToString(),
                DurationMs = time.GetElapsedTime(started).TotalMilliseconds,
            }, CancellationToken.None).ConfigureAwait(false);
        }
        catch (AuditWriteException ex)
        {
            // The answer has already gone to the client; the failure is logged, as the trail cannot hold it.
            Telemetry.ApiLog.AuditRefused(logger, context.Request.Path, ex);
        }
    }
}
