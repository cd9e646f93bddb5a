using Gateway.Model.Encoders;
using Gateway.Model.Lora;
using Gateway.Model.Safetensors;
using static TorchSharp.torch;

namespace Gateway.Model.Tests.Encoders;

public sealed class BertEncoderTests
{
    private static readonly string[] HfNames =
    [
        "embeddings.word_embeddings.weight",
        "embeddings.position_embeddings.weight",
        "embeddings.token_type_embeddings.weight",
        "embeddings.LayerNorm.weight",
        "embeddings.LayerNorm.bias",
        "encoder.layer.1.attention.self.query.weight",
        "encoder.layer.1.attention.self.key.bias",
        "encoder.layer.1.attention.self.value.weight",
        "encoder.layer.1.attention.output.dense.weight",
        "encoder.layer.1.attention.output.LayerNorm.bias",
        "encoder.layer.1.intermediate.dense.weight",
        "encoder.layer.1.output.dense.bias",
        "encoder.layer.1.output.LayerNorm.weight",
    ];

    [Fact]
    public async Task Saved_checkpoint_has_hf_names_and_reloads_to_the_same_outputs()
    {
        using var dir = new TempDirectory();
        using var encoder = TinyBert.Create();
        await encoder.SaveAsync(dir.Path);

        var stored = SafetensorsFile.Read(dir.File("model.safetensors"));
        Assert.All(HfNames, name => Assert.Contains(name, stored.Keys));
        Assert.Equal(5 + (2 * 16), stored.Count);

        using var reloaded = await BertEncoder.LoadAsync(dir.Path);
        using var noGrad = no_grad();
        using var ids = tensor(new long[] { 2, 7, 9, 11, 3 }, [1, 5]);
        using var types = tensor(new long[] { 0, 0, 0, 1, 1 }, [1, 5]);
        using var expected = encoder.Forward(ids, types);
        using var actual = reloaded.Forward(ids, types);
        Assert.Equal(0f, TinyModels.MaxAbsDiff(expected, actual));
    }

    [Fact]
    public void Right_padded_batch_equals_each_sequence_alone()
    {
        using var encoder = TinyBert.Create();
        using var noGrad = no_grad();
        using var batch = tensor(new long[] { 2, 7, 9, 11, 3, 2, 5, 3, 0, 0 }, [2, 5]);
        using var mask = tensor(new long[] { 1, 1, 1, 1, 1, 1, 1, 1, 0, 0 }, [2, 5]);

        using var batched = encoder.Forward(batch, attentionMask: mask);
        using var longAlone = encoder.Forward(tensor(new long[] { 2, 7, 9, 11, 3 }, [1, 5]));
        using var shortAlone = encoder.Forward(tensor(new long[] { 2, 5, 3 }, [1, 3]));

        Assert.True(TinyModels.MaxAbsDiff(batched[0].unsqueeze(0), longAlone) < 1e-5f);
        Assert.True(TinyModels.MaxAbsDiff(batched[1].narrow(0, 0, 3).unsqueeze(0), shortAlone) < 1e-5f);
    }

    [Fact]
    public void Padding_changes_nothing_but_the_mask_matters()
    {
        using var encoder = TinyBert.Create();
        using var noGrad = no_grad();
        using var ids = tensor(new long[] { 2, 5, 3, 0, 0 }, [1, 5]);
        using var mask = tensor(new long[] { 1, 1, 1, 0, 0 }, [1, 5]);
        using var masked = encoder.Forward(ids, attentionMask: mask);
        using var unmasked = encoder.Forward(ids);
        // Without the mask the padding is attended to, so the real tokens' states must differ.
        Assert.True(TinyModels.MaxAbsDiff(masked.narrow(1, 0, 3), unmasked.narrow(1, 0, 3)) > 1e-3f);
    }

    [Fact]
    public void Lora_on_query_and_value_starts_as_identity_and_is_the_only_trainable_part()
    {
        using var encoder = TinyBert.Create();
        using var ids = tensor(new long[] { 2, 7, 9, 3 }, [1, 4]);
        using var before = encoder.Forward(ids).detach();

        encoder.AddLora(new LoraOptions { Rank = 2, TargetModules = ["query", "value", "output.dense"] });
        using var after = encoder.Forward(ids).detach();

        Assert.True(TinyModels.MaxAbsDiff(before, after) < 1e-6f);
        // 2 layers × 3 targets × (A + B).
        Assert.Equal(12, encoder.TrainableParameters().Count);
    }

    [Fact]
    public void Lora_rejects_a_projection_that_bert_does_not_have()
    {
        using var encoder = TinyBert.Create();
        var e = Assert.Throws<ModelFormatException>(() => encoder.AddLora(new LoraOptions { TargetModules = ["q_proj"] }));
        Assert.Contains("q_proj", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Config_rejects_the_tanh_gelu()
    {
        Assert.Throws<ModelFormatException>(() => BertConfig.Parse("""{"hidden_act": "gelu_new"}"""));
    }
}
