using Gateway.Model.Encoders;
using static TorchSharp.torch;

namespace Gateway.Model.Tests.Encoders;

public sealed class EncoderThroughputTests
{
    [Fact]
    public void Measuring_leaves_the_process_thread_count_as_it_was()
    {
        using var encoder = TinyBert.Create();
        var before = get_num_threads();
        var result = EncoderThroughput.Measure(encoder, threads: before == 1 ? 2 : 1, batch: 2, sequenceLength: 4, iterations: 1);
        Assert.Equal(before, get_num_threads());
        Assert.Equal(8, result.Batch * result.SequenceLength);
    }
}
