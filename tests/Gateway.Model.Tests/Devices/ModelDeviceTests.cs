using TorchSharp;
using static TorchSharp.torch;

namespace Gateway.Model.Tests.Devices;

public sealed class ModelDeviceTests
{
    [Theory]
    [InlineData("auto", ModelDevicePreference.Auto)]
    [InlineData("cpu", ModelDevicePreference.Cpu)]
    [InlineData(" CUDA ", ModelDevicePreference.Cuda)]
    public void Parses_the_three_device_names_in_any_case(string text, ModelDevicePreference expected)
    {
        Assert.True(ModelDevice.TryParse(text, out var preference));
        Assert.Equal(expected, preference);
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:0")]
    [InlineData("")]
    [InlineData(null)]
    public void Rejects_anything_else(string? text) => Assert.False(ModelDevice.TryParse(text, out _));

    [Fact]
    public void Auto_picks_the_cpu_with_float32_on_this_cpu_only_build()
    {
        var device = ModelDevice.Resolve(ModelDevicePreference.Auto);

        Assert.Equal(DeviceType.CPU, device.Type);
        Assert.Equal(ScalarType.Float32, device.DType);
    }

    [Fact]
    public void Cuda_on_this_cpu_only_build_fails_with_the_build_switch_in_the_message()
    {
        var e = Assert.Throws<InvalidOperationException>(() => ModelDevice.Resolve(ModelDevicePreference.Cuda));

        Assert.Equal(
            "cuda requested but not available: build with -p:GatewayTorchBackend=cuda on a machine with an NVIDIA driver", e.Message);
    }

    [Fact]
    public void Auto_picks_cuda_with_bfloat16_where_cuda_is_available()
    {
        var device = ModelDevice.Resolve(ModelDevicePreference.Auto, cudaAvailable: true);

        Assert.Equal(DeviceType.CUDA, device.Type);
        Assert.Equal(ScalarType.BFloat16, device.DType);
        Assert.Equal("cuda", device.Name);
    }

    [Fact]
    public void Cpu_stays_on_the_cpu_even_where_cuda_is_available() =>
        Assert.Same(ModelDevice.Cpu, ModelDevice.Resolve(ModelDevicePreference.Cpu, cudaAvailable: true));

    [Fact]
    public void A_tiny_model_loaded_onto_the_cpu_device_gives_the_logits_of_the_default_load()
    {
        using var directory = new TempDirectory();
        using (var saved = TinyModels.Create())
        {
            saved.Save(directory.Path);
        }

        using var before = CausalLm.Load(directory.Path);
        using var onDevice = CausalLm.Load(directory.Path, ModelDevice.Resolve(ModelDevicePreference.Auto));
        using var ids = tensor(new long[] { 1, 5, 9, 2, 7 }, [1, 5]);
        using var noGrad = no_grad();
        using var expected = before.Forward(ids);
        using var actual = onDevice.Forward(ids);

        Assert.Equal(ScalarType.Float32, actual.dtype);
        Assert.True(expected.eq(actual).all().item<bool>(), "logits differ");
    }

    [Fact]
    public void Greedy_generation_on_the_cpu_device_equals_the_default_load()
    {
        using var directory = new TempDirectory();
        using (var saved = TinyModels.Create())
        {
            saved.Save(directory.Path);
        }

        using var before = CausalLm.Load(directory.Path);
        using var onDevice = CausalLm.Load(directory.Path, ModelDevice.Cpu);
        var options = new Gateway.Model.Generation.GenerationOptions { MaxNewTokens = 6 };
        IReadOnlyList<IReadOnlyList<int>> prompts = [[1, 5, 9], [3, 4]];

        var expected = before.Generate(prompts, options).Select(r => r.Tokens).ToList();
        var actual = onDevice.Generate(prompts, options).Select(r => r.Tokens).ToList();

        Assert.Equal(expected, actual);
    }
}
