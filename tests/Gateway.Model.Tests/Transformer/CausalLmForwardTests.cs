using static TorchSharp.torch;

namespace Gateway.Model.Tests.Transformer;

public sealed class CausalLmForwardTests
{
    private static readonly long[] Prompt = [3, 14, 15, 9, 26, 5, 35];

    [Fact]
    public void Full_forward_logits_equal_kv_cache_incremental_logits()
    {
        using var model = TinyModels.Create();
        using var noGrad = no_grad();
        using var ids = TinyModels.Ids(Prompt);
        using var full = model.Forward(ids);

        using var cache = model.NewCache();
        var steps = new List<Tensor> { model.Forward(ids.narrow(1, 0, 4), cache: cache) };
        for (var i = 4; i < Prompt.Length; i++)
        {
            steps.Add(model.Forward(ids.narrow(1, i, 1), cache: cache));
        }

        using var incremental = cat(steps, 1);
        Assert.Equal(Prompt.Length, cache.Length);
        Assert.Equal(full.shape, incremental.shape);
        Assert.True(TinyModels.MaxAbsDiff(full, incremental) < 1e-4f);
    }

    [Fact]
    public void Left_padded_batch_equals_each_prompt_alone()
    {
        using var model = TinyModels.Create();
        using var noGrad = no_grad();
        long[] shortPrompt = [8, 2, 40];
        using var batch = tensor(new long[] { 3, 14, 15, 9, 26, 0, 0, 8, 2, 40 }, [2, 5]);
        using var mask = tensor(new long[] { 1, 1, 1, 1, 1, 0, 0, 1, 1, 1 }, [2, 5]);

        using var batched = model.Forward(batch, mask);
        using var longAlone = model.Forward(TinyModels.Ids(3, 14, 15, 9, 26));
        using var shortAlone = model.Forward(TinyModels.Ids(shortPrompt));

        Assert.True(TinyModels.MaxAbsDiff(batched[0], longAlone[0]) < 1e-4f);
        Assert.True(TinyModels.MaxAbsDiff(batched[1].narrow(0, 2, 3), shortAlone[0]) < 1e-4f);
    }

    [Fact]
    public void Left_padded_batch_decodes_incrementally_like_each_prompt_alone()
    {
        using var model = TinyModels.Create();
        using var noGrad = no_grad();
        using var cache = model.NewCache();
        using var batch = tensor(new long[] { 3, 14, 15, 0, 8, 2 }, [2, 3]);
        using var mask = tensor(new long[] { 1, 1, 1, 0, 1, 1 }, [2, 3]);
        using var prefill = model.Forward(batch, mask, cache);
        using var next = tensor(new long[] { 9, 9 }, [2, 1]);
        using var mask2 = tensor(new long[] { 1, 1, 1, 1, 0, 1, 1, 1 }, [2, 4]);

        using var step = model.Forward(next, mask2, cache);
        using var shortAlone = model.Forward(TinyModels.Ids(8, 2, 9));

        Assert.True(TinyModels.MaxAbsDiff(step[1][0], shortAlone[0][2]) < 1e-4f);
    }

    [Fact]
    public void Different_tokens_give_different_logits()
    {
        using var model = TinyModels.Create();
        using var noGrad = no_grad();
        using var a = model.Forward(TinyModels.Ids(3, 14));
        using var b = model.Forward(TinyModels.Ids(3, 15));

        Assert.True(TinyModels.MaxAbsDiff(a[0][1], b[0][1]) > 1e-2f);
    }

    [Fact]
    public void Mask_of_the_wrong_length_is_rejected()
    {
        using var model = TinyModels.Create();
        using var noGrad = no_grad();
        using var mask = ones(1, 3, dtype: ScalarType.Int64);

        Assert.Throws<ArgumentException>(() => model.Forward(TinyModels.Ids(3, 14), mask));
    }
}
