namespace Gateway.Commands.Bench;

/// <summary>Per-call latencies of one measured path, with the percentiles the report uses.</summary>
internal sealed class LatencySample
{
    private readonly List<double> _milliseconds = [];

    public void Add(TimeSpan elapsed) => _milliseconds.Add(elapsed.TotalMilliseconds);

    public int Count => _milliseconds.Count;

    public void AddRange(LatencySample other)
    {
        ArgumentNullException.ThrowIfNull(other);
        _milliseconds.AddRange(other._milliseconds);
    }

    /// <summary>Nearest-rank percentile (p in 0..100) of the recorded latencies, in milliseconds.</summary>
    public double Percentile(double p)
    {
        if (_milliseconds.Count == 0)
        {
            return double.NaN;
        }

        var sorted = _milliseconds.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
