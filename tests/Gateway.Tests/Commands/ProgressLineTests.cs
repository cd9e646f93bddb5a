using Gateway.Commands.Eval;
using Gateway.Evaluation.Spider.Running;

namespace Gateway.Tests.Commands;

public sealed class ProgressLineTests
{
    /// <summary>A clock that moves only when told to.</summary>
    private sealed class ManualTime : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }

    private static readonly SpiderScore Score = new(10, 9, 3, 4);

    [Fact]
    public async Task Off_a_terminal_writes_at_most_one_line_every_two_seconds()
    {
        var time = new ManualTime();
        using var error = new StringWriter();
        var progress = new ProgressLine(error, interactive: false, time);

        time.Advance(TimeSpan.FromSeconds(1));
        await progress.ReportAsync(1, 100, Score);
        time.Advance(TimeSpan.FromSeconds(1.5));
        await progress.ReportAsync(2, 100, Score);
        time.Advance(TimeSpan.FromSeconds(1));
        await progress.ReportAsync(3, 100, Score);

        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("[2/100] execution 33.3 % of 9, exact 40.0 %", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_a_terminal_rewrites_one_line_in_place_and_ends_it_when_complete()
    {
        var time = new ManualTime();
        using var error = new StringWriter();
        var progress = new ProgressLine(error, interactive: true, time);

        time.Advance(TimeSpan.FromSeconds(1));
        await progress.ReportAsync(1, 2, Score);
        time.Advance(TimeSpan.FromSeconds(1));
        await progress.ReportAsync(2, 2, Score);
        await progress.CompleteAsync();

        var text = error.ToString();
        Assert.Equal(2, text.Count(c => c == '\r'));
        Assert.EndsWith(Environment.NewLine, text, StringComparison.Ordinal);
        Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
