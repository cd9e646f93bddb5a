using System.Runtime.InteropServices;
using Gateway.Model.Safetensors;
using Gateway.Model.Tests.Training;
using Gateway.Model.TextToSql.Network;
using Gateway.Model.TextToSql.Training;
using static Gateway.Model.Tests.TextToSql.PointerFixtures;

namespace Gateway.Model.Tests.TextToSql;

/// <summary>The training smoke test CI runs: a few steps on three examples with a tiny network.</summary>
[Collection(nameof(GlobalTorchState))]
public sealed class PointerTrainerTests
{
    private static readonly PointerTrainingOptions Options = new() { Epochs = 3, BatchSize = 2, LearningRate = 0.01, Seed = 9 };

    [Fact]
    public void Training_lowers_the_loss_and_writes_one_checkpoint_per_epoch()
    {
        using var directory = new TempDirectory();
        using var network = new PointerNetwork(TinyConfig with { Dropout = 0.1 }, seed: 1);

        var history = new PointerTrainer(network, Options).Run(Inputs(), null, directory.Path, resume: false);

        Assert.Equal(3, history.Count);
        Assert.True(history[^1].TrainLoss < history[0].TrainLoss, $"loss {history[0].TrainLoss} -> {history[^1].TrainLoss}");
        Assert.Equal(3, Directory.GetDirectories(directory.Path, "epoch-*").Length);
    }

    [Fact]
    public void A_resumed_run_ends_with_the_weights_of_an_uninterrupted_one()
    {
        using var straightDir = new TempDirectory();
        using var resumedDir = new TempDirectory();
        using var straight = new PointerNetwork(TinyConfig with { Dropout = 0.1 }, seed: 1);
        new PointerTrainer(straight, Options).Run(Inputs(), null, straightDir.Path, resume: false);

        using (var interrupted = new PointerNetwork(TinyConfig with { Dropout = 0.1 }, seed: 1))
        {
            new PointerTrainer(interrupted, Options with { Epochs = 3 }).Run(Inputs(), null, resumedDir.Path, resume: false);
        }

        Directory.Delete(Path.Combine(resumedDir.Path, "epoch-003"), recursive: true);
        Directory.Delete(Path.Combine(resumedDir.Path, "epoch-002"), recursive: true);
        using var resumed = new PointerNetwork(TinyConfig with { Dropout = 0.1 }, seed: 77);
        new PointerTrainer(resumed, Options).Run(Inputs(), null, resumedDir.Path, resume: true);

        var a = straight.named_parameters().Select(p => p.parameter.data<float>().ToArray()).ToList();
        var b = resumed.named_parameters().Select(p => p.parameter.data<float>().ToArray()).ToList();
        Assert.Equal(a, b);
    }

    [Fact]
    public void The_best_held_out_epoch_is_kept_apart()
    {
        using var directory = new TempDirectory();
        using var network = new PointerNetwork(TinyConfig, seed: 1);
        double[] scores = [0.2, 0.5, 0.4];

        var history = new PointerTrainer(network, Options).Run(Inputs(), epoch => scores[epoch - 1], directory.Path, resume: false);

        Assert.Equal([0.2, 0.5, 0.4], history.Select(h => h.HeldOut!.Value));
        var best = SafetensorsFile.Read(Path.Combine(directory.Path, PointerTrainer.BestFolder, PointerWeights.WeightsFile));
        var epoch2 = SafetensorsFile.Read(Path.Combine(directory.Path, "epoch-002", PointerWeights.WeightsFile));
        Assert.Equal(epoch2.Values.Select(t => t.Bytes.ToArray()), best.Values.Select(t => t.Bytes.ToArray()));
    }

    [Fact]
    public void The_average_of_checkpoints_is_their_element_wise_mean()
    {
        using var directory = new TempDirectory();
        using var network = new PointerNetwork(TinyConfig, seed: 1);
        new PointerTrainer(network, Options).Run(Inputs(), null, directory.Path, resume: false);
        string[] epochs = [PointerTrainer.EpochFolder(directory.Path, 2), PointerTrainer.EpochFolder(directory.Path, 3)];

        CheckpointAverage.LoadInto(network, epochs);

        var two = SafetensorsFile.Read(Path.Combine(epochs[0], PointerWeights.WeightsFile));
        var three = SafetensorsFile.Read(Path.Combine(epochs[1], PointerWeights.WeightsFile));
        var differing = 0;
        foreach (var (name, parameter) in network.named_parameters())
        {
            var a = MemoryMarshal.Cast<byte, float>(two[name].Bytes.Span).ToArray();
            var b = MemoryMarshal.Cast<byte, float>(three[name].Bytes.Span).ToArray();
            var mean = parameter.data<float>().ToArray();
            for (var i = 0; i < mean.Length; i++)
            {
                Assert.Equal((a[i] + b[i]) / 2, mean[i], 1e-6f);
                differing += a[i] == b[i] ? 0 : 1;
            }
        }

        Assert.True(differing > 0, "the two epochs should differ, or the mean proves nothing");
    }

    private static List<PointerInput> Inputs() => ThreeExamples().Select(e => Input(e)).ToList();
}
