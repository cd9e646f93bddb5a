using Gateway.Model.Lora;
using static TorchSharp.torch;

namespace Gateway.Model.Tests.Lora;

/// <summary>Several adapters over one base, one selected per request, against models loaded with a single adapter.</summary>
public sealed class NamedAdapterTests
{
    private static readonly long[] Prompt = [5, 17, 33, 2, 48, 12];

    [Fact]
    public void Each_selected_adapter_gives_the_logits_of_a_model_loaded_with_only_that_adapter()
    {
        using var dir = new TempDirectory();
        WriteModelAndAdapters(dir);
        using var shared = CausalLm.Load(dir.File("model"));
        shared.LoadNamedAdapter("a", dir.File("a"));
        shared.LoadNamedAdapter("b", dir.File("b"));
        using var noGrad = no_grad();
        using var ids = TinyModels.Ids(Prompt);

        foreach (var name in new[] { "a", null, "b", "a" })
        {
            shared.SelectAdapter(name);
            using var alone = CausalLm.Load(dir.File("model"), name is null ? null : dir.File(name));
            using var expected = alone.Forward(ids);
            using var actual = shared.Forward(ids);
            Assert.True(TinyModels.MaxAbsDiff(expected, actual) < 1e-5f, $"adapter {name ?? "none"}: max |Δ| {TinyModels.MaxAbsDiff(expected, actual)}");
        }
    }

    [Fact]
    public void The_two_adapters_really_differ()
    {
        using var dir = new TempDirectory();
        WriteModelAndAdapters(dir);
        using var shared = CausalLm.Load(dir.File("model"));
        shared.LoadNamedAdapter("a", dir.File("a"));
        shared.LoadNamedAdapter("b", dir.File("b"));
        using var noGrad = no_grad();
        using var ids = TinyModels.Ids(Prompt);

        shared.SelectAdapter("a");
        using var a = shared.Forward(ids);
        shared.SelectAdapter("b");
        using var b = shared.Forward(ids);

        Assert.True(TinyModels.MaxAbsDiff(a, b) > 1e-2f);
        Assert.Equal(["a", "b"], shared.NamedAdapters.Keys.Order());
    }

    [Fact]
    public void Selecting_an_adapter_that_was_not_loaded_names_the_loaded_ones()
    {
        using var dir = new TempDirectory();
        WriteModelAndAdapters(dir);
        using var shared = CausalLm.Load(dir.File("model"));
        shared.LoadNamedAdapter("a", dir.File("a"));

        var error = Assert.Throws<ArgumentException>(() => shared.SelectAdapter("c"));

        Assert.Contains("'c'", error.Message, StringComparison.Ordinal);
        Assert.Contains("loaded: a", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Removing_the_selected_adapter_returns_to_the_base_model()
    {
        using var dir = new TempDirectory();
        WriteModelAndAdapters(dir);
        using var shared = CausalLm.Load(dir.File("model"));
        using var noGrad = no_grad();
        using var ids = TinyModels.Ids(Prompt);
        using var baseLogits = shared.Forward(ids);
        shared.LoadNamedAdapter("a", dir.File("a"));
        shared.SelectAdapter("a");

        shared.RemoveNamedAdapter("a");

        using var after = shared.Forward(ids);
        Assert.Null(shared.SelectedAdapter);
        Assert.Equal(0f, TinyModels.MaxAbsDiff(baseLogits, after));
    }

    [Fact]
    public void A_mis_shaped_adapter_is_rejected_and_leaves_the_model_unchanged()
    {
        using var dir = new TempDirectory();
        WriteModelAndAdapters(dir);
        var config = TinyModels.Qwen2Config() with { HiddenSize = 16, IntermediateSize = 24 };
        using (var other = TinyModels.Create(config))
        {
            other.AddLora(new LoraOptions { Rank = 2, Alpha = 4 });
            other.SaveAdapter(dir.File("other"));
        }

        using var shared = CausalLm.Load(dir.File("model"));

        Assert.Throws<ModelFormatException>(() => shared.LoadNamedAdapter("other", dir.File("other")));
        Assert.Empty(shared.NamedAdapters);
    }

    private static void WriteModelAndAdapters(TempDirectory dir)
    {
        using (var source = TinyModels.Create())
        {
            source.Save(dir.File("model"));
        }

        WriteAdapter(dir, "a", new LoraOptions { Rank = 4, Alpha = 8 }, seed: 11);
        WriteAdapter(dir, "b", new LoraOptions { Rank = 2, Alpha = 8, TargetModules = ["v_proj", "down_proj"] }, seed: 12);
    }

    private static void WriteAdapter(TempDirectory dir, string name, LoraOptions options, long seed)
    {
        using var model = CausalLm.Load(dir.File("model"));
        model.AddLora(options, seed);
        TinyModels.RandomizeLoraB(model, seed);
        model.SaveAdapter(dir.File(name));
    }
}
