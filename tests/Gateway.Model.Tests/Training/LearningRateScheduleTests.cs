using Gateway.Model.Training;

namespace Gateway.Model.Tests.Training;

public sealed class LearningRateScheduleTests
{
    [Fact]
    public void Warms_up_linearly_then_decays_to_zero()
    {
        var schedule = new LearningRateSchedule(1.0, WarmupSteps: 4, TotalSteps: 12);

        Assert.Equal(0.25, schedule.RateAt(0), 9);
        Assert.Equal(1.0, schedule.RateAt(3), 9);
        Assert.Equal(1.0, schedule.RateAt(4), 9);
        Assert.Equal(0.5, schedule.RateAt(8), 9);
        Assert.True(schedule.RateAt(11) < 0.05);
    }
}
