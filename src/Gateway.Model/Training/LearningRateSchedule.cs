namespace Gateway.Model.Training;

/// <summary>Linear warm-up from near zero to the peak rate, then cosine decay to zero at the last step.</summary>
public sealed record LearningRateSchedule(double PeakRate, int WarmupSteps, int TotalSteps)
{
    /// <summary>The rate for 0-based optimiser step <paramref name="step"/>.</summary>
    public double RateAt(int step)
    {
        if (step < WarmupSteps)
        {
            return PeakRate * (step + 1) / WarmupSteps;
        }

        var decaySteps = Math.Max(1, TotalSteps - WarmupSteps);
        var progress = Math.Clamp((double)(step - WarmupSteps) / decaySteps, 0, 1);
        return PeakRate * 0.5 * (1 + Math.Cos(Math.PI * progress));
    }
}
