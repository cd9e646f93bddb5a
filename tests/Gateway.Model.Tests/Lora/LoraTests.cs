using System.Text.Json;
using Gateway.Model.Lora;
using Gateway.Model.Safetensors;
using static TorchSharp.torch;

namespace Gateway.Model.Tests.Lora;

public sealed class LoraTests
{
    private static readonly long[] Prompt = [5, 17, 33, 2, 48, 12];

    [Fact]
    public void Fresh_adapter_with_zero_b_leaves_logits_unchanged()
    {
        using var model = TinyModels.Create();
        using var noGrad = no_grad();
        using var ids = TinyModels.Ids(Prompt);
        using var before = model.Forward(ids);

        model.AddLora(new LoraOptions { Rank = 4, Alpha = 8 });

        using var after = model.Forward(ids);
        Assert.Equal(0f, TinyModels.MaxAbsDiff(before, after));
    }

    [Fact]
    public void Adapter_with_nonzero_b_changes_logits()
    {
        using var model = TinyModels.Create();
        using var noGrad = no_grad();
        using var ids = TinyModels.Ids(Prompt);
        using var before = model.Forward(ids);
        model.AddLora(new LoraOptions { Rank = 4, Alpha = 8 });

        TinyModels.RandomizeLoraB(model);

        using var after = model.Forward(ids);
        Assert.True(TinyModels.MaxAbsDiff(before, after) > 1e-2f);
    }

    [Fact]
    public void Adapters_go_on_the_chosen_projections_only_and_freeze_the_base()
    {
        using var model = TinyModels.Create();

        model.AddLora(new LoraOptions { Rank = 2, TargetModules = ["v_proj", "down_proj"] });

        var names = model.Module.LoraParameters().Select(p => p.Name).ToList();
        Assert.Equal(2 * 2 * 2, names.Count);
        Assert.Contains("model.layers.1.mlp.down_proj.lora_B.weight", names);
        Assert.DoesNotContain(names, n => n.Contains("q_proj", StringComparison.Ordinal));
        Assert.All(model.Module.BaseParameters(), p => Assert.False(p.Parameter.requires_grad));
        Assert.All(model.Module.LoraParameters(), p => Assert.True(p.Parameter.requires_grad));
    }

    [Fact]
    public void Only_lora_matrices_are_trainable_once_an_adapter_is_attached()
    {
        using var model = TinyModels.Create();
        var all = model.TrainableParameters().Count;

        model.AddLora(new LoraOptions { Rank = 2 });

        Assert.Equal(model.Module.BaseParameters().Count(), all);
        Assert.Equal(2 * 4 * 2, model.TrainableParameters().Count);
    }

    [Fact]
    public void Backward_reaches_the_adapter_and_not_the_frozen_base()
    {
        using var model = TinyModels.Create();
        model.AddLora(new LoraOptions { Rank = 2 });
        TinyModels.RandomizeLoraB(model);
        model.SetTraining(true);
        using var ids = TinyModels.Ids(Prompt);
        using var targets = TinyModels.Ids(17, 33, 2, 48, 12, 1);

        using var logits = model.Forward(ids);
        using var loss = TorchSharp.torch.nn.functional.cross_entropy(logits.view(-1, logits.shape[^1]), targets.view(-1));
        loss.backward();

        Assert.All(model.Module.LoraParameters(), p => Assert.NotNull(p.Parameter.grad));
        Assert.Contains(model.Module.LoraParameters(), p => p.Parameter.grad!.abs().sum().item<float>() > 0);
        Assert.All(model.Module.BaseParameters(), p => Assert.Null(p.Parameter.grad));
    }

    [Fact]
    public void Lora_dropout_acts_in_training_mode_only()
    {
        using var model = TinyModels.Create();
        model.AddLora(new LoraOptions { Rank = 4, Dropout = 0.5 });
        TinyModels.RandomizeLoraB(model);
        using var noGrad = no_grad();
        using var ids = TinyModels.Ids(Prompt);
        using var eval1 = model.Forward(ids);
        using var eval2 = model.Forward(ids);

        model.SetTraining(true);
        using var train = model.Forward(ids);

        Assert.Equal(0f, TinyModels.MaxAbsDiff(eval1, eval2));
        Assert.True(TinyModels.MaxAbsDiff(eval1, train) > 1e-3f);
    }

    [Fact]
    public void Unknown_target_module_is_rejected()
    {
        using var model = TinyModels.Create();

        Assert.Throws<ModelFormatException>(() => model.AddLora(new LoraOptions { TargetModules = ["qkv"] }));
    }

    [Fact]
    public void Merged_adapter_gives_the_same_logits_as_unmerged()
    {
        using var model = TinyModels.Create();
        using var noGrad = no_grad();
        using var ids = TinyModels.Ids(Prompt);
        model.AddLora(new LoraOptions { Rank = 4, Alpha = 8, TargetModules = ["q_proj", "k_proj", "v_proj", "o_proj", "up_proj"] });
        TinyModels.RandomizeLoraB(model);
        using var unmerged = model.Forward(ids);

        model.MergeLora();

        using var merged = model.Forward(ids);
        Assert.Empty(model.Module.LoraParameters());
        Assert.Null(model.Lora);
        Assert.True(TinyModels.MaxAbsDiff(unmerged, merged) < 1e-4f);
    }

    [Fact]
    public void Peft_round_trip_preserves_logits()
    {
        using var dir = new TempDirectory();
        using var model = TinyModels.Create();
        using var noGrad = no_grad();
        using var ids = TinyModels.Ids(Prompt);
        model.AddLora(new LoraOptions { Rank = 4, Alpha = 16, Dropout = 0.1, UseRsLora = true });
        TinyModels.RandomizeLoraB(model);
        using var expected = model.Forward(ids);
        model.Save(dir.File("base"));
        model.SaveAdapter(dir.File("adapter"));

        using var loaded = CausalLm.Load(dir.File("base"), dir.File("adapter"));

        using var actual = loaded.Forward(ids);
        Assert.Equal(model.Lora, loaded.Lora! with { TargetModules = model.Lora!.TargetModules });
        Assert.Equal(0f, TinyModels.MaxAbsDiff(expected, actual));
    }

    [Fact]
    public void Peft_files_use_peft_names_and_config_keys()
    {
        using var dir = new TempDirectory();
        using var model = TinyModels.Create();
        model.AddLora(new LoraOptions { Rank = 4, Alpha = 8 });

        model.SaveAdapter(dir.Path);

        var tensors = SafetensorsFile.Read(dir.File(PeftAdapter.WeightsFileName));
        Assert.Equal(new long[] { 4, 32 }, tensors["base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight"].Shape);
        Assert.Equal(new long[] { 16, 4 }, tensors["base_model.model.model.layers.1.self_attn.k_proj.lora_B.weight"].Shape);
        using var config = JsonDocument.Parse(File.ReadAllText(dir.File(PeftAdapter.ConfigFileName)));
        Assert.Equal("LORA", config.RootElement.GetProperty("peft_type").GetString());
        Assert.Equal(4, config.RootElement.GetProperty("r").GetInt32());
        Assert.Equal(8, config.RootElement.GetProperty("lora_alpha").GetDouble());
    }

    [Fact]
    public void Adapter_with_a_tensor_for_no_module_is_rejected()
    {
        using var dir = new TempDirectory();
        using (var model = TinyModels.Create())
        {
            model.AddLora(new LoraOptions { Rank = 4, TargetModules = ["q_proj", "v_proj"] });
            model.SaveAdapter(dir.Path);
        }

        var configPath = dir.File(PeftAdapter.ConfigFileName);
        File.WriteAllText(configPath, File.ReadAllText(configPath).Replace("\"v_proj\"", "\"k_proj\"", StringComparison.Ordinal));
        using var other = TinyModels.Create();

        var e = Assert.Throws<ModelFormatException>(() => other.LoadAdapter(dir.Path));

        Assert.Contains("v_proj", e.Message, StringComparison.Ordinal);
    }
}
