using Gateway.Model.Config;
using Gateway.Model.Safetensors;
using static TorchSharp.torch;

namespace Gateway.Model.Tests.Transformer;

public sealed class CausalLmWeightsTests
{
    [Fact]
    public void Parameters_have_hugging_face_names()
    {
        using var model = TinyModels.Create();

        var names = model.Module.BaseParameters().Select(p => p.Name).ToHashSet();

        Assert.Contains("model.embed_tokens.weight", names);
        Assert.Contains("model.layers.1.self_attn.q_proj.weight", names);
        Assert.Contains("model.layers.1.self_attn.q_proj.bias", names);
        Assert.DoesNotContain("model.layers.1.self_attn.o_proj.bias", names);
        Assert.Contains("model.layers.0.mlp.down_proj.weight", names);
        Assert.Contains("model.layers.0.post_attention_layernorm.weight", names);
        Assert.Contains("model.norm.weight", names);
        Assert.Contains("lm_head.weight", names);
    }

    [Fact]
    public void Same_seed_gives_the_same_random_weights_and_another_seed_does_not()
    {
        using var a = CausalLm.Create(TinyModels.Qwen2Config(), seed: 3);
        using var b = CausalLm.Create(TinyModels.Qwen2Config(), seed: 3);
        using var c = CausalLm.Create(TinyModels.Qwen2Config(), seed: 4);

        var wa = a.Module.BaseParameters().First(p => p.Name == "model.layers.1.mlp.up_proj.weight").Parameter;
        var wb = b.Module.BaseParameters().First(p => p.Name == "model.layers.1.mlp.up_proj.weight").Parameter;
        var wc = c.Module.BaseParameters().First(p => p.Name == "model.layers.1.mlp.up_proj.weight").Parameter;
        Assert.Equal(0f, TinyModels.MaxAbsDiff(wa, wb));
        Assert.True(TinyModels.MaxAbsDiff(wa, wc) > 1e-3f);
    }

    [Fact]
    public void Tied_model_has_no_lm_head()
    {
        using var model = TinyModels.Create(TinyModels.Qwen2Config(tied: true));

        Assert.DoesNotContain(model.Module.BaseParameters(), p => p.Name == "lm_head.weight");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Save_then_load_preserves_logits(bool tied)
    {
        using var dir = new TempDirectory();
        using var model = TinyModels.Create(TinyModels.Qwen2Config(tied));
        model.Save(dir.Path);

        using var loaded = CausalLm.Load(dir.Path);

        using var noGrad = no_grad();
        using var ids = TinyModels.Ids(4, 8, 15, 16, 23, 42);
        using var expected = model.Forward(ids);
        using var actual = loaded.Forward(ids);
        Assert.Equal(0f, TinyModels.MaxAbsDiff(expected, actual));
    }

    [Fact]
    public void Sharded_save_then_load_preserves_logits()
    {
        using var dir = new TempDirectory();
        using var model = TinyModels.Create();
        model.Save(dir.Path, maxShardBytes: 20_000);

        using var loaded = CausalLm.Load(dir.Path);

        Assert.True(File.Exists(dir.File(SafetensorsCheckpoint.IndexFileName)));
        using var noGrad = no_grad();
        using var ids = TinyModels.Ids(4, 8, 15);
        using var expected = model.Forward(ids);
        using var actual = loaded.Forward(ids);
        Assert.Equal(0f, TinyModels.MaxAbsDiff(expected, actual));
    }

    [Fact]
    public async Task Async_load_of_a_sharded_checkpoint_preserves_logits()
    {
        using var dir = new TempDirectory();
        using var model = TinyModels.Create();
        model.Save(dir.Path, maxShardBytes: 20_000);

        using var loaded = await CausalLm.LoadAsync(dir.Path);

        using var noGrad = no_grad();
        using var ids = TinyModels.Ids(4, 8, 15);
        using var expected = model.Forward(ids);
        using var actual = loaded.Forward(ids);
        Assert.Equal(0f, TinyModels.MaxAbsDiff(expected, actual));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Bf16_model_with_adapter_runs_close_to_float32(bool tied)
    {
        using var dir = new TempDirectory();
        using var model = TinyModels.Create(TinyModels.Qwen2Config(tied));
        model.Save(dir.Path);
        using var bf16 = CausalLm.Load(dir.Path, dtype: ScalarType.BFloat16);

        bf16.AddLora(new Gateway.Model.Lora.LoraOptions { Rank = 2 });

        using var noGrad = no_grad();
        using var ids = TinyModels.Ids(4, 8, 15, 16);
        using var expected = model.Forward(ids);
        using var actual = bf16.Forward(ids);
        Assert.Equal(ScalarType.BFloat16, actual.dtype);
        using var actual32 = actual.to_type(ScalarType.Float32);
        using var scale = expected.abs().max();
        Assert.True(TinyModels.MaxAbsDiff(expected, actual32) < 0.05f * scale.item<float>());
        Assert.Equal(3, bf16.Generate([[4, 8, 15]], new Gateway.Model.Generation.GenerationOptions { MaxNewTokens = 3 })[0].Tokens.Count);
    }

    [Fact]
    public void Loading_a_checkpoint_with_a_mis_shaped_tensor_names_it()
    {
        using var dir = new TempDirectory();
        using (var model = TinyModels.Create())
        {
            model.Save(dir.Path);
        }

        (ModelConfig.Load(dir.Path) with { IntermediateSize = 40 }).Save(dir.Path);

        var e = Assert.Throws<ModelFormatException>(() => CausalLm.Load(dir.Path));

        Assert.Contains("mlp", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loading_a_checkpoint_without_a_tensor_names_it()
    {
        using var dir = new TempDirectory();
        using (var model = TinyModels.Create())
        {
            var weights = model.Module.ExportWeights().Where(t => t.Name != "model.norm.weight").ToList();
            model.Config.Save(dir.Path);
            SafetensorsCheckpoint.Save(dir.Path, weights);
        }

        var e = Assert.Throws<ModelFormatException>(() => CausalLm.Load(dir.Path));

        Assert.Contains("model.norm.weight", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bf16_export_round_trips_within_bf16_precision()
    {
        using var dir = new TempDirectory();
        using var model = TinyModels.Create();
        model.Config.Save(dir.Path);
        SafetensorsCheckpoint.Save(dir.Path, model.Module.ExportWeights(ScalarType.BFloat16));

        using var loaded = CausalLm.Load(dir.Path);

        var original = model.Module.BaseParameters().First(p => p.Name == "model.layers.0.self_attn.k_proj.weight").Parameter;
        var reloaded = loaded.Module.BaseParameters().First(p => p.Name == "model.layers.0.self_attn.k_proj.weight").Parameter;
        Assert.Equal(ScalarType.Float32, reloaded.dtype);
        Assert.True(TinyModels.MaxAbsDiff(original, reloaded) < 1e-2f);
    }
}
