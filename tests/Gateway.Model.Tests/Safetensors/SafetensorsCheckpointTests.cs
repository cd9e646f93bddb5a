using Gateway.Model.Safetensors;
using static TorchSharp.torch;

namespace Gateway.Model.Tests.Safetensors;

public sealed class SafetensorsCheckpointTests
{
    [Fact]
    public void Small_checkpoint_is_one_file()
    {
        using var dir = new TempDirectory();
        using var t = ones(4);
        SafetensorsCheckpoint.Save(dir.Path, [t.ToTensorData("a")]);

        Assert.True(File.Exists(dir.File(SafetensorsCheckpoint.SingleFileName)));
        Assert.False(File.Exists(dir.File(SafetensorsCheckpoint.IndexFileName)));
    }

    [Fact]
    public void Sharded_checkpoint_round_trips_through_its_index()
    {
        using var dir = new TempDirectory();
        var tensors = Enumerable.Range(0, 5).Select(i =>
        {
            using var t = full(10, (float)i);
            return t.ToTensorData($"t{i}");
        }).ToList();
        SafetensorsCheckpoint.Save(dir.Path, tensors, maxShardBytes: 80);

        var set = SafetensorsCheckpoint.Load(dir.Path);

        Assert.True(File.Exists(dir.File(SafetensorsCheckpoint.IndexFileName)));
        Assert.True(File.Exists(dir.File("model-00003-of-00003.safetensors")));
        Assert.Equal(5, set.Count);
        using var t3 = set.Get("t3").ToTorch();
        Assert.Equal(3f, t3[7].item<float>());
    }

    [Fact]
    public void Sharded_checkpoint_with_a_lost_tensor_is_rejected()
    {
        using var dir = new TempDirectory();
        using var a = ones(10);
        using var b = ones(10);
        SafetensorsCheckpoint.Save(dir.Path, [a.ToTensorData("a"), b.ToTensorData("b")], maxShardBytes: 40);
        var index = File.ReadAllText(dir.File(SafetensorsCheckpoint.IndexFileName));
        File.WriteAllText(dir.File(SafetensorsCheckpoint.IndexFileName), index.Replace("\"b\"", "\"c\"", StringComparison.Ordinal));

        Assert.Throws<ModelFormatException>(() => SafetensorsCheckpoint.Load(dir.Path));
    }
}
