using Gateway.Model.Encoders;
using static TorchSharp.torch;

namespace Gateway.Model.Tests.Encoders;

public sealed class SentencePoolingTests
{
    [Fact]
    public void Mean_pool_averages_only_the_real_tokens()
    {
        using var states = tensor(new float[] { 1, 2, 3, 4, 100, 100 }, [1, 3, 2]);
        using var mask = tensor(new long[] { 1, 1, 0 }, [1, 3]);
        using var pooled = SentencePooling.MeanPool(states, mask);
        Assert.Equal(new float[] { 2, 3 }, pooled.data<float>().ToArray());
    }

    [Fact]
    public void Embed_gives_unit_vectors()
    {
        using var states = tensor(new float[] { 3, 4, 3, 4 }, [1, 2, 2]);
        using var mask = tensor(new long[] { 1, 1 }, [1, 2]);
        using var vector = SentencePooling.Embed(states, mask);
        Assert.Equal(new float[] { 0.6f, 0.8f }, vector.data<float>().ToArray());
    }
}
