namespace Gateway.Model.TextToSql.Training;

/// <summary>How <see cref="PointerTrainer"/> trains: AdamW, linear warm-up then cosine decay, gradient clipping.</summary>
public sealed record PointerTrainingOptions
{
    public int Epochs { get; init; } = 12;

    public int BatchSize { get; init; } = 32;

    public double LearningRate { get; init; } = 5e-4;

    public double WeightDecay { get; init; } = 0.01;

    /// <summary>Share of all steps spent warming up.</summary>
    public double WarmupFraction { get; init; } = 0.05;

    public double MaxGradientNorm { get; init; } = 1.0;

    public long Seed { get; init; } = 42;
}

/// <summary>One optimiser step's report.</summary>
public sealed record PointerTrainingProgress(
    int Epoch, int Epochs, int Step, int TotalSteps, double Loss, double ExamplesPerSecond, TimeSpan Elapsed, TimeSpan Remaining);

/// <summary>What one finished epoch measured: mean training loss, the held-out score (when validated) and its wall time.</summary>
public sealed record EpochRecord(int Epoch, double TrainLoss, double? HeldOut, double Seconds);
