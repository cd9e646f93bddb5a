using Gateway.Model.Training;

namespace Gateway.Model.Tests.Training;

[Collection(nameof(GlobalTorchState))]
public sealed class TrainerCheckpointTests
{
    [Fact]
    public void Latest_is_the_highest_complete_step_and_temporary_folders_are_ignored()
    {
        using var dir = new TempDirectory();
        using var model = CausalLm.Create(TinyTraining.Config(), seed: 1);
        using var optimizer = TorchSharp.torch.optim.AdamW(model.TrainableParameters());
        TrainerCheckpoint.Save(dir.Path, model, optimizer, step: 2, seed: 5);
        TrainerCheckpoint.Save(dir.Path, model, optimizer, step: 10, seed: 5);
        // A crash while writing leaves only a temporary folder behind.
        Directory.CreateDirectory(Path.Combine(dir.Path, TrainerCheckpoint.FolderName, ".tmp-0000"));
        Directory.CreateDirectory(Path.Combine(dir.Path, TrainerCheckpoint.FolderName, "step-000011"));

        var latest = TrainerCheckpoint.FindLatest(dir.Path)!;

        Assert.Equal("step-000010", Path.GetFileName(latest));
        Assert.Equal(new TrainerCheckpoint.State(10, 5, TrainerCheckpoint.ReadState(latest).RngState), TrainerCheckpoint.ReadState(latest));
        Assert.True(Directory.Exists(Path.Combine(latest, TrainerCheckpoint.ModelFolder)));
    }
}
