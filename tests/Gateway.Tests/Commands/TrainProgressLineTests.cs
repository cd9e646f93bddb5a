using Gateway.Commands.Train;
using Gateway.Model.Training;

namespace Gateway.Tests.Commands;

public sealed class TrainProgressLineTests
{
    /// <summary>A clock that moves only when told to.</summary>
    private sealed class ManualTime : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }

    private static TrainingProgress Step(int step) =>
        new(step, 100, 1.25, 2e-4, 1500, TimeSpan.FromSeconds(step), TimeSpan.FromSeconds(100 - step));

    [Fact]
    public void The_line_shows_step_loss_throughput_and_eta()
    {
        Assert.Equal("step 7/100  loss 1.2500  lr 2.00e-4  1500 tok/s  elapsed 00:07  eta 01:33", TrainProgressLine.Format(Step(7)));
    }

    [Fact]
    public void Off_a_terminal_writes_a_line_about_every_ten_seconds_and_at_the_last_step()
    {
        var time = new ManualTime();
        using var error = new StringWriter();
        var progress = new TrainProgressLine(error, interactive: false, time);

        time.Advance(TimeSpan.FromSeconds(4));
        progress.Report(Step(1));
        time.Advance(TimeSpan.FromSeconds(7));
        progress.Report(Step(2));
        progress.Report(Step(3));
        progress.Report(Step(100));

        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["step 2/100", "step 100/100"], lines.Select(l => l[..l.IndexOf("  ", StringComparison.Ordinal)]));
    }

    [Fact]
    public void On_a_terminal_the_line_is_rewritten_in_place()
    {
        var time = new ManualTime();
        using var error = new StringWriter();
        var progress = new TrainProgressLine(error, interactive: true, time);

        time.Advance(TimeSpan.FromSeconds(1));
        progress.Report(Step(1));
        time.Advance(TimeSpan.FromSeconds(1));
        progress.Report(Step(2));
        progress.Complete();

        Assert.StartsWith("\rstep 1/100", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("\rstep 2/100", error.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("\n", error.ToString(), StringComparison.Ordinal);
        Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
