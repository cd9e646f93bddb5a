using System.Globalization;
using Gateway.Evaluation.Spider.Running;

namespace Gateway.Commands.Eval;

/// <summary>
/// The running accuracy on stderr: rewritten in place on a terminal, otherwise one line at most every two seconds,
/// so logs stay short.
/// </summary>
internal sealed class ProgressLine(TextWriter error, bool interactive, TimeProvider time)
{
    private static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan TerminalInterval = TimeSpan.FromMilliseconds(100);

    private readonly long _start = time.GetTimestamp();
    private long _last = time.GetTimestamp();
    private bool _wrote;

    public async Task ReportAsync(int done, int total, SpiderScore score)
    {
        var now = time.GetTimestamp();
        if (time.GetElapsedTime(_last, now) < (interactive ? TerminalInterval : LogInterval) && done < total)
        {
            return;
        }

        _last = now;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"[{done}/{total}] execution {score.ExecutionAccuracy:P1} of {score.Executable}, exact {score.ExactMatch:P1}, {time.GetElapsedTime(_start, now).TotalSeconds:0} s");
        if (interactive)
        {
            await error.WriteAsync("\r" + line).ConfigureAwait(false);
            _wrote = true;
        }
        else if (done < total)
        {
            await error.WriteLineAsync(line).ConfigureAwait(false);
        }
    }

    public async Task CompleteAsync()
    {
        if (_wrote)
        {
            await error.WriteLineAsync().ConfigureAwait(false);
        }
    }
}
