using Gateway.Model.Lora;
using Gateway.Model.Training;

namespace Gateway.Model.Tests.Training;

[Collection(nameof(GlobalTorchState))]
public sealed class TrainerTests
{
    // One thread: on a loaded machine libtorch's spinning workers make tiny models many times slower.
    public TrainerTests() => TorchSharp.torch.set_num_threads(1);

    private static readonly TrainingOptions Memorise = new()
    {
        Epochs = 100,
        BatchSize = 10,
        LearningRate = 3e-3,
        Warmup = 5,
        EvalGenerateLimit = 20,
        EvalMaxNewTokens = 24,
        Seed = 3,
    };

    [Fact]
    public void Full_fine_tuning_learns_the_synthetic_task()
    {
        using var dir = new TempDirectory();
        using var model = CausalLm.Create(TinyTraining.Config(), seed: 1);
        var rows = TinyTraining.Encoded();
        var before = new HeldOutEvaluator(TinyTraining.Tokenizer(), TinyTraining.Eos, TinyTraining.Eos).Evaluate(model, rows, 0, 10, 20, 24);

        var summary = TinyTraining.Trainer(model, Memorise).Run(rows, rows, dir.Path, checkpoint: null);

        var after = summary.Evaluations[^1];
        Assert.Equal(0, before.ExactMatch);
        Assert.True(before.Loss > 4, $"initial loss {before.Loss}");
        Assert.True(after.Loss < 0.1, $"final loss {after.Loss}");
        Assert.True(after.ExactMatch >= 0.8, $"exact match {after.ExactMatch}, loss {after.Loss}");
        Assert.True(File.Exists(dir.File(Trainer.EvalFileName)));
    }

    [Fact]
    public void Gradient_accumulation_gives_the_step_of_one_big_batch()
    {
        var rows = TinyTraining.Encoded(8);
        double Loss(int batch, int accumulation)
        {
            using var dir = new TempDirectory();
            using var model = CausalLm.Create(TinyTraining.Config(), seed: 1);
            var options = Memorise with { Epochs = 2, BatchSize = batch, GradientAccumulation = accumulation, MaxGradientNorm = 0 };
            return TinyTraining.Trainer(model, options).Run(rows, [], dir.Path, null).StepLosses[^1];
        }

        Assert.Equal(Loss(8, 1), Loss(2, 4), 4);
    }

    [Fact]
    public void Resume_continues_at_the_same_step_with_the_same_loss()
    {
        var rows = TinyTraining.Encoded(12);
        var options = Memorise with { Epochs = 3, BatchSize = 4, SaveEvery = 3 };
        using var whole = new TempDirectory();
        using var split = new TempDirectory();
        IReadOnlyList<double> uninterrupted;
        using (var model = CausalLm.Create(TinyTraining.Config(), seed: 1))
        {
            model.AddLora(new LoraOptions { Rank = 4, Alpha = 8, Dropout = 0.1 }, seed: 2);
            uninterrupted = TinyTraining.Trainer(model, options).Run(rows, [], whole.Path, null).StepLosses;
        }

        using (var model = CausalLm.Create(TinyTraining.Config(), seed: 1))
        {
            model.AddLora(new LoraOptions { Rank = 4, Alpha = 8, Dropout = 0.1 }, seed: 2);
            model.Save(Path.Combine(split.Path, "base"));
            // Interrupted after step 4, past the checkpoint of step 3, as a crash would.
            using var interrupt = new CancellationTokenSource();
            var stopAfterFour = new InlineProgress(p => { if (p.Step == 4) { interrupt.Cancel(); } });
            Assert.Throws<OperationCanceledException>(() => TinyTraining.Trainer(model, options).Run(rows, [], split.Path, null, stopAfterFour, interrupt.Token));
        }

        var checkpoint = TrainerCheckpoint.FindLatest(split.Path)!;
        TrainingSummary resumed;
        using (var model = TrainerCheckpoint.LoadModel(checkpoint, Path.Combine(split.Path, "base")))
        {
            resumed = TinyTraining.Trainer(model, options).Run(rows, [], split.Path, checkpoint);
        }

        Assert.Equal(9, uninterrupted.Count);
        Assert.Equal(3, resumed.StartStep);
        Assert.Equal(uninterrupted.Skip(3), resumed.StepLosses, (a, b) => Math.Abs(a - b) < 1e-5);
    }
}

/// <summary>Reports on the training thread, unlike <see cref="Progress{T}"/>, which posts to the thread pool.</summary>
internal sealed class InlineProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
{
    public void Report(TrainingProgress value) => report(value);
}
