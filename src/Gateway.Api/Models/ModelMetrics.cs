using System.Diagnostics;
using System.Diagnostics.Metrics;
using Gateway.Audit.Telemetry;

namespace Gateway.Api.Models;

/// <summary>The model endpoints' instruments, on the gateway's one meter (<see cref="GatewayMetrics.MeterName"/>).</summary>
internal sealed class ModelMetrics
{
    private readonly Counter<long> _tokens;
    private readonly Counter<long> _upstreamRequests;

    public ModelMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(GatewayMetrics.MeterName);
        _tokens = meter.CreateCounter<long>("gateway.model.tokens", "{token}", "Tokens read (input) and generated (output) by the local models, by model.");
        _upstreamRequests = meter.CreateCounter<long>("gateway.upstream.requests", "{request}", "Requests forwarded to upstream model servers, by upstream and status code.");
    }

    public void Tokens(string model, int input, int output)
    {
        _tokens.Add(input, new TagList { { "gen_ai.request.model", model }, { "gen_ai.token.type", "input" } });
        _tokens.Add(output, new TagList { { "gen_ai.request.model", model }, { "gen_ai.token.type", "output" } });
    }

    public void Forwarded(string upstream, int status) =>
        _upstreamRequests.Add(1, new TagList { { "gateway.upstream", upstream }, { "http.response.status_code", status } });
}
