using System.Diagnostics;
using Gateway.Audit.Telemetry;

namespace Gateway.Ask;

/// <summary>
/// Times and traces the stages of one ask: each stage is a span <c>gateway.ask.STAGE</c> on the gateway's
/// <see cref="GatewayActivitySource"/>, its time is added to <see cref="Timings"/> (a stage that runs several times,
/// like generate during repairs, adds up) and recorded on <see cref="GatewayMetrics"/> when the host has them; the
/// observer hears it when it ends.
/// </summary>
internal sealed class StageClock(TimeProvider time, IAskObserver observer, GatewayMetrics? metrics)
{
    private readonly Dictionary<string, double> _timings = [];
    private readonly long _started = time.GetTimestamp();

    public IReadOnlyDictionary<string, double> Timings => _timings;

    public double TotalMs => time.GetElapsedTime(_started).TotalMilliseconds;

    public Stage Start(string name) => new(this, name, GatewayActivitySource.Source.StartActivity($"gateway.ask.{name}"), time.GetTimestamp());

    /// <summary>The timings with <c>total</c> last, rounded for people.</summary>
    public IReadOnlyDictionary<string, double> Report()
    {
        var report = _timings.ToDictionary(t => t.Key, t => Math.Round(t.Value, 1));
        report["total"] = Math.Round(TotalMs, 1);
        return report;
    }

    private async ValueTask EndAsync(Stage stage, IReadOnlyDictionary<string, object?> data, CancellationToken cancellationToken)
    {
        var elapsed = time.GetElapsedTime(stage.StartedAt);
        _timings[stage.Name] = _timings.GetValueOrDefault(stage.Name) + elapsed.TotalMilliseconds;
        metrics?.StageCompleted($"ask.{stage.Name}", elapsed);
        stage.Activity?.Dispose();
        await observer.StageCompletedAsync(new AskStageEvent(stage.Name, Math.Round(elapsed.TotalMilliseconds, 1), data), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A running stage; <see cref="EndAsync"/> it with what it produced, or dispose it if it failed.</summary>
    public sealed class Stage(StageClock clock, string name, Activity? activity, long startedAt) : IDisposable
    {
        private bool _ended;

        public string Name { get; } = name;

        public Activity? Activity { get; } = activity;

        public long StartedAt { get; } = startedAt;

        public ValueTask EndAsync(IReadOnlyDictionary<string, object?> data, CancellationToken cancellationToken)
        {
            _ended = true;
            return clock.EndAsync(this, data, cancellationToken);
        }

        /// <summary>Ends a stage that threw: its span is marked failed, its time still counts.</summary>
        public void Dispose()
        {
            if (_ended)
            {
                return;
            }

            _ended = true;
            Activity?.SetStatus(ActivityStatusCode.Error);
            clock._timings[Name] = clock._timings.GetValueOrDefault(Name) + clock.TimeSince(StartedAt);
            Activity?.Dispose();
        }
    }

    private double TimeSince(long timestamp) => time.GetElapsedTime(timestamp).TotalMilliseconds;
}
