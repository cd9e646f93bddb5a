using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Gateway.Audit.Telemetry;

/// <summary>
/// The gateway's instruments, all on the one <see cref="Meter"/> named <see cref="MeterName"/>. Created through
/// <see cref="IMeterFactory"/> so each host owns its meter and disposes it with the container.
/// </summary>
public sealed class GatewayMetrics
{
    public const string MeterName = "Gateway";

    private readonly Counter<long> _requests;
    private readonly Counter<long> _rejections;
    private readonly Histogram<double> _stageDuration;
    private readonly Histogram<long> _rows;
    private readonly UpDownCounter<long> _activeQueries;

    public GatewayMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _requests = meter.CreateCounter<long>("gateway.requests", "{request}", "Requests handled, by operation and verdict.");
        _rejections = meter.CreateCounter<long>("gateway.rejections", "{rejection}", "SQL refused by the validator, by rule id.");
        _stageDuration = meter.CreateHistogram<double>("gateway.stage.duration", "s", "Time spent in each pipeline stage.");
        _rows = meter.CreateHistogram<long>("gateway.rows.returned", "{row}", "Rows returned per executed query.");
        _activeQueries = meter.CreateUpDownCounter<long>("gateway.queries.active", "{query}", "Queries in flight.");
    }

    public void RequestCompleted(string operation, string verdict) =>
        _requests.Add(1, new TagList { { "gateway.operation", operation }, { "gateway.verdict", verdict } });

    public void Rejected(string rule) => _rejections.Add(1, new KeyValuePair<string, object?>("gateway.rule", rule));

    public void StageCompleted(string stage, TimeSpan elapsed) =>
        _stageDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("gateway.stage", stage));

    public void RowsReturned(long rows) => _rows.Record(rows);

    /// <summary>Counts a query as active until the returned scope is disposed.</summary>
    public ActiveQuery BeginQuery()
    {
        _activeQueries.Add(1);
        return new ActiveQuery(_activeQueries);
    }

    public readonly struct ActiveQuery(UpDownCounter<long> counter) : IDisposable
    {
        public void Dispose() => counter?.Add(-1);
    }
}
