using System.Diagnostics;

namespace Gateway.Commands.Bench;

/// <summary>
/// Runs <c>total</c> calls of one async action spread over <c>clients</c> concurrent workers and reports requests
/// per second (over the wall time of the whole batch) with each call's latency.
/// </summary>
internal static class HttpLoad
{
    public static async Task<LoadResult> RunAsync(int clients, int total, Func<int, CancellationToken, Task> call, CancellationToken cancellationToken)
    {
        var samples = new LatencySample[clients];
        var next = -1;
        var wall = Stopwatch.StartNew();
        // Each worker on the thread pool: a path that completes synchronously (SQLite) must not serialise the others.
        var workers = Enumerable.Range(0, clients).Select(worker => Task.Run(async () =>
        {
            var sample = samples[worker] = new LatencySample();
            while (Interlocked.Increment(ref next) < total)
            {
                var started = Stopwatch.GetTimestamp();
                await call(worker, cancellationToken).ConfigureAwait(false);
                sample.Add(Stopwatch.GetElapsedTime(started));
            }
        }, cancellationToken)).ToArray();
        await Task.WhenAll(workers).ConfigureAwait(false);
        wall.Stop();
        var all = new LatencySample();
        foreach (var sample in samples)
        {
            all.AddRange(sample);
        }

        return new LoadResult(total / wall.Elapsed.TotalSeconds, all.Percentile(50), all.Percentile(95));
    }
}

/// <summary>One measured batch: throughput and latency percentiles in milliseconds.</summary>
internal sealed record LoadResult(double RequestsPerSecond, double P50Ms, double P95Ms);
