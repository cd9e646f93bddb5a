using System.Diagnostics;

namespace Gateway.Commands.Bench;

/// <summary>
/// Times a per-statement action over a workload, single-threaded. Several short rounds are taken and the median
/// kept, so one noisy moment on a shared machine does not decide the figure.
/// </summary>
internal sealed class ThroughputMeter(TimeSpan roundDuration, int rounds)
{
    /// <summary>Runs one round of <paramref name="action"/> over the workload; returns statements per second.</summary>
    public double MeasureRound<T>(IReadOnlyList<T> workload, Action<T> action)
    {
        var stopwatch = Stopwatch.StartNew();
        long count = 0;
        var budget = roundDuration.Ticks * Stopwatch.Frequency / TimeSpan.TicksPerSecond;
        while (stopwatch.ElapsedTicks < budget)
        {
            for (var i = 0; i < workload.Count; i++)
            {
                action(workload[i]);
            }

            count += workload.Count;
        }

        return count / stopwatch.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Interleaves rounds of several actions (A B A B ...) so drift affects each alike; returns each one's median and
    /// best round. On a shared machine other load only ever slows a round, so the best round is the steadiest
    /// estimate of the code's own cost, and ratios are taken between best rounds.
    /// </summary>
    public RoundSummary[] MeasureInterleaved<T>(IReadOnlyList<T> workload, params Action<T>[] actions)
    {
        foreach (var action in actions)
        {
            // Warm-up: JIT tiering and caches, not counted.
            MeasureRound(workload, action);
        }

        var samples = actions.Select(_ => new List<double>(rounds)).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            for (var a = 0; a < actions.Length; a++)
            {
                samples[a].Add(MeasureRound(workload, actions[a]));
            }
        }

        return [.. samples.Select(values => new RoundSummary(Median(values), values.Max()))];
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        var mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}

/// <summary>Statements per second of one measured action: the median round and the best round.</summary>
internal readonly record struct RoundSummary(double Median, double Best);
