namespace Gateway.Model.Training;

/// <summary>How to train; every field has the default <c>gateway train</c> uses.</summary>
public sealed record TrainingOptions
{
    /// <summary>Passes over the training rows. Default 1.</summary>
    public int Epochs { get; init; } = 1;

    /// <summary>Stop after this many optimiser steps (null: all epochs). Resuming counts from the checkpoint's step.</summary>
    public int? MaxSteps { get; init; }

    /// <summary>Peak learning rate. Default 2e-4 (a LoRA rate; full fine-tuning wants less).</summary>
    public double LearningRate { get; init; } = 2e-4;

    /// <summary>AdamW decoupled weight decay. Default 0.</summary>
    public double WeightDecay { get; init; }

    /// <summary>Examples per forward pass. Default 4.</summary>
    public int BatchSize { get; init; } = 4;

    /// <summary>Forward passes whose gradients add up to one optimiser step. Default 1.</summary>
    public int GradientAccumulation { get; init; } = 1;

    /// <summary>Gradients are scaled down to this global L2 norm when larger (0: no clipping). Default 1.</summary>
    public double MaxGradientNorm { get; init; } = 1.0;

    /// <summary>Warm-up: a fraction of all steps when below 1, else a number of steps. Default 0.03.</summary>
    public double Warmup { get; init; } = 0.03;

    /// <summary>Evaluate on the held-out rows every N steps (0: only at the end). Default 0.</summary>
    public int EvalEvery { get; init; }

    /// <summary>Held-out rows whose answers are generated for exact match, ROUGE and BLEU (loss uses all). Default 50.</summary>
    public int EvalGenerateLimit { get; init; } = 50;

    /// <summary>Longest generated answer while evaluating. Default 128.</summary>
    public int EvalMaxNewTokens { get; init; } = 128;

    /// <summary>Write a checkpoint every N steps (0: never). Default 0.</summary>
    public int SaveEvery { get; init; }

    /// <summary>Seeds the data order, the held-out split and torch's generator (LoRA dropout). Default 42.</summary>
    public long Seed { get; init; } = 42;

    public int WarmupSteps(int totalSteps) =>
        Warmup < 1 ? (int)Math.Ceiling(Warmup * totalSteps) : (int)Warmup;
}
