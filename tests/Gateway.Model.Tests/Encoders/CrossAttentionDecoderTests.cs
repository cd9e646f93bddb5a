using Gateway.Model.Encoders;
using static TorchSharp.torch;

namespace Gateway.Model.Tests.Encoders;

public sealed class CrossAttentionDecoderTests
{
    private static readonly CrossAttentionDecoderConfig Config = new()
    {
        VocabSize = 30,
        HiddenSize = 16,
        NumLayers = 2,
        NumAttentionHeads = 4,
        IntermediateSize = 24,
        MaxPositions = 16,
    };

    private static CrossAttentionDecoder Create() => CrossAttentionDecoder.Create(Config, seed: 5, std: 0.3);

    private static Tensor EncoderStates()
    {
        using var generator = new Generator(9);
        return randn([2, 5, 16], generator: generator);
    }

    [Fact]
    public void Incremental_decoding_with_cache_equals_full_decoding()
    {
        using var decoder = Create();
        using var noGrad = no_grad();
        using var states = EncoderStates();
        using var encoderMask = tensor(new long[] { 1, 1, 1, 1, 1, 1, 1, 1, 0, 0 }, [2, 5]);
        using var ids = tensor(new long[] { 1, 4, 9, 16, 25, 3, 1, 7, 8, 2, 11, 13 }, [2, 6]);

        using var full = decoder.Forward(ids, states, encoderMask);

        using var cache = decoder.NewCache();
        var steps = new List<Tensor> { decoder.Forward(ids.narrow(1, 0, 3), states, encoderMask, cache) };
        for (var i = 3; i < 6; i++)
        {
            steps.Add(decoder.Forward(ids.narrow(1, i, 1), states, encoderMask, cache));
        }

        using var incremental = cat(steps, 1);
        Assert.Equal(6, cache.Length);
        Assert.True(TinyModels.MaxAbsDiff(full, incremental) < 1e-4f);
    }

    [Fact]
    public void Encoder_padding_is_not_attended_to()
    {
        using var decoder = Create();
        using var noGrad = no_grad();
        using var states = EncoderStates();
        using var changed = states.clone();
        changed[1, 3] = randn(16);
        changed[1, 4] = randn(16);
        using var encoderMask = tensor(new long[] { 1, 1, 1, 1, 1, 1, 1, 1, 0, 0 }, [2, 5]);
        using var ids = tensor(new long[] { 1, 4, 9, 1, 7, 8 }, [2, 3]);

        using var before = decoder.Forward(ids, states, encoderMask);
        using var after = decoder.Forward(ids, changed, encoderMask);
        using var unmasked = decoder.Forward(ids, changed);

        Assert.True(TinyModels.MaxAbsDiff(before, after) < 1e-6f);
        Assert.True(TinyModels.MaxAbsDiff(before, unmasked) > 1e-3f);
    }

    [Fact]
    public void A_later_token_does_not_change_earlier_logits()
    {
        using var decoder = Create();
        using var noGrad = no_grad();
        using var states = EncoderStates();
        using var a = decoder.Forward(tensor(new long[] { 1, 4, 9, 1, 7, 8 }, [2, 3]), states);
        using var b = decoder.Forward(tensor(new long[] { 1, 4, 20, 1, 7, 21 }, [2, 3]), states);
        Assert.True(TinyModels.MaxAbsDiff(a.narrow(1, 0, 2), b.narrow(1, 0, 2)) < 1e-6f);
    }

    [Fact]
    public async Task Saved_decoder_reloads_to_the_same_logits()
    {
        using var dir = new TempDirectory();
        using var decoder = Create();
        await decoder.SaveAsync(dir.Path);
        using var reloaded = await CrossAttentionDecoder.LoadAsync(dir.Path);

        using var noGrad = no_grad();
        using var states = EncoderStates();
        using var ids = tensor(new long[] { 1, 4, 9, 1, 7, 8 }, [2, 3]);
        using var expected = decoder.Forward(ids, states);
        using var actual = reloaded.Forward(ids, states);
        Assert.Equal(Config, reloaded.Config);
        Assert.Equal(0f, TinyModels.MaxAbsDiff(expected, actual));
    }
}
