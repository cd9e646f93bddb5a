using System.Globalization;
using Gateway.Model.Training;

namespace Gateway.Commands.Train;

/// <summary>
/// The training progress on stderr: step, loss, tokens/s and ETA, rewritten in place on a terminal, otherwise one
/// line about every ten seconds (and at the last step) so that logs stay short.
/// </summary>
internal sealed class TrainProgressLine(TextWriter error, bool interactive, TimeProvider time) : IProgress<TrainingProgress>
{
    private static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan TerminalInterval = TimeSpan.FromMilliseconds(200);

    private long _last = time.GetTimestamp();
    private bool _wrote;

    public void Report(TrainingProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var now = time.GetTimestamp();
        var last = value.Step == value.TotalSteps;
        if (!last && time.GetElapsedTime(_last, now) < (interactive ? TerminalInterval : LogInterval))
        {
            return;
        }

        _last = now;
        var line = Format(value);
        if (interactive)
        {
            error.Write("\r" + line + (last ? "\n" : ""));
            _wrote = !last;
        }
        else
        {
            error.WriteLine(line);
        }
    }

    /// <summary>Ends an in-place line that the last step did not end (a cancelled run).</summary>
    public void Complete()
    {
        if (_wrote)
        {
            error.WriteLine();
            _wrote = false;
        }
    }

    public static string Format(TrainingProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"step {p.Step}/{p.TotalSteps}  loss {p.Loss:0.0000}  lr {p.LearningRate:0.00e+0}  {p.TokensPerSecond:0} tok/s  elapsed {Clock(p.Elapsed)}  eta {Clock(p.Remaining)}");

    private static string Clock(TimeSpan span) =>
        span.TotalHours >= 1 ? span.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : span.ToString(@"mm\:ss", CultureInfo.InvariantCulture);
}
