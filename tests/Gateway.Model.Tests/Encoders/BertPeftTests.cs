using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Model.Encoders;
using Gateway.Model.Lora;
using Gateway.Model.Safetensors;
using static TorchSharp.torch;

namespace Gateway.Model.Tests.Encoders;

/// <summary>The encoder's LoRA in PEFT's layout for a BertModel: names, config, and a round trip that keeps outputs.</summary>
public sealed class BertPeftTests
{
    private static readonly long[] Ids = [2, 7, 9, 3, 11, 5];

    [Theory]
    [InlineData("query,key,value")]
    [InlineData("query,value,output.dense")]
    public async Task Peft_round_trip_preserves_outputs(string targetList)
    {
        var targets = targetList.Split(',');
        using var dir = new TempDirectory();
        using var ids = tensor(Ids, [1, Ids.Length]);
        Tensor expected;
        using (var trained = TinyBert.Create())
        {
            await trained.SaveAsync(dir.File("base"));
            trained.AddLora(new LoraOptions { Rank = 2, Alpha = 4, TargetModules = targets });
            RandomizeLoraB(trained);
            trained.SaveAdapter(dir.File("adapter"));
            using var noGrad = no_grad();
            expected = trained.Forward(ids).detach();
        }

        using var loaded = await BertEncoder.LoadAsync(dir.File("base"));
        using var before = loaded.Forward(ids).detach();
        loaded.LoadAdapter(dir.File("adapter"));

        using (no_grad())
        {
            using var actual = loaded.Forward(ids);
            Assert.True(TinyModels.MaxAbsDiff(expected, actual) < 1e-6f, $"max |Δ| {TinyModels.MaxAbsDiff(expected, actual)}");
            Assert.True(TinyModels.MaxAbsDiff(before, actual) > 1e-3f, "the adapter changed nothing");
        }

        Assert.Equal(targets, loaded.Lora!.TargetModules);
        expected.Dispose();
    }

    [Fact]
    public void Peft_files_use_the_names_peft_writes_for_bert_query_key_value()
    {
        using var dir = new TempDirectory();
        using var encoder = TinyBert.Create();
        encoder.AddLora(new LoraOptions { Rank = 2, Alpha = 4, TargetModules = ["query", "key", "value"] });

        encoder.SaveAdapter(dir.File("adapter"));

        var names = SafetensorsFile.Read(dir.File("adapter/adapter_model.safetensors")).Keys.ToList();
        Assert.Contains("base_model.model.encoder.layer.0.attention.self.query.lora_A.weight", names);
        Assert.Contains("base_model.model.encoder.layer.1.attention.self.value.lora_B.weight", names);
        Assert.Equal(2 * 3 * 2, names.Count);
        using var config = JsonDocument.Parse(File.ReadAllText(dir.File("adapter/adapter_config.json")));
        Assert.Equal("FEATURE_EXTRACTION", config.RootElement.GetProperty("task_type").GetString());
        Assert.Equal(["query", "key", "value"], config.RootElement.GetProperty("target_modules").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public void Ffn_output_alone_is_written_as_a_pattern_peft_does_not_widen_to_the_attention_output()
    {
        using var dir = new TempDirectory();
        using var encoder = TinyBert.Create();
        encoder.AddLora(new LoraOptions { Rank = 2, TargetModules = ["output.dense"] });

        encoder.SaveAdapter(dir.File("adapter"));

        using var config = JsonDocument.Parse(File.ReadAllText(dir.File("adapter/adapter_config.json")));
        var pattern = new PeftTargets([], config.RootElement.GetProperty("target_modules").GetString());
        Assert.True(pattern.Matches("encoder.layer.1.output.dense"));
        Assert.False(pattern.Matches("encoder.layer.1.attention.output.dense"));
    }

    [Fact]
    public async Task A_peft_suffix_list_targets_what_peft_would_target()
    {
        using var dir = new TempDirectory();
        using (var trained = TinyBert.Create())
        {
            await trained.SaveAsync(dir.File("base"));
            trained.AddLora(new LoraOptions { Rank = 2, TargetModules = ["attention.output.dense", "output.dense"] });
            trained.SaveAdapter(dir.File("adapter"));
        }

        // As PEFT users write it: "dense" under "output" in both the attention block and the feed-forward block.
        var configPath = dir.File("adapter/adapter_config.json");
        var config = JsonNode.Parse(File.ReadAllText(configPath))!;
        config["target_modules"] = new JsonArray("output.dense");
        File.WriteAllText(configPath, config.ToJsonString());
        using var loaded = await BertEncoder.LoadAsync(dir.File("base"));

        loaded.LoadAdapter(dir.File("adapter"));

        Assert.Equal(["attention.output.dense", "output.dense"], loaded.Lora!.TargetModules);
    }

    [Fact]
    public async Task An_adapter_with_a_tensor_for_no_projection_is_rejected_and_leaves_no_branch()
    {
        using var dir = new TempDirectory();
        using (var trained = TinyBert.Create())
        {
            await trained.SaveAsync(dir.File("base"));
            trained.AddLora(new LoraOptions { Rank = 2, TargetModules = ["query", "value"] });
            trained.SaveAdapter(dir.File("adapter"));
        }

        var configPath = dir.File("adapter/adapter_config.json");
        File.WriteAllText(configPath, File.ReadAllText(configPath).Replace("\"value\"", "\"key\"", StringComparison.Ordinal));
        using var loaded = await BertEncoder.LoadAsync(dir.File("base"));

        var error = Assert.Throws<ModelFormatException>(() => loaded.LoadAdapter(dir.File("adapter")));

        Assert.Contains("value", error.Message, StringComparison.Ordinal);
        Assert.Null(loaded.Lora);
        Assert.Empty(loaded.Module.LoraParameters());
    }

    private static void RandomizeLoraB(BertEncoder encoder)
    {
        using var generator = new Generator(17);
        using var noGrad = no_grad();
        foreach (var (name, p) in encoder.Module.LoraParameters())
        {
            if (name.Contains("lora_B", StringComparison.Ordinal))
            {
                p.normal_(0, 0.3, generator);
            }
        }
    }
}
