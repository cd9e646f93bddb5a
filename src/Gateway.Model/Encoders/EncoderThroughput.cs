using System.Diagnostics;
using static TorchSharp.torch;

namespace Gateway.Model.Encoders;

/// <summary>One measurement of encoder forward speed on the CPU.</summary>
public sealed record EncoderThroughputResult(int Threads, int Batch, int SequenceLength, int Iterations, double SecondsPerForward)
{
    public double TokensPerSecond => Batch * SequenceLength / SecondsPerForward;
}

/// <summary>
/// Times <see cref="BertEncoder.Forward"/> on random ids (no padding) under a given intra-op thread count, for
/// <c>gateway bench model</c>. The thread count is process-wide in libtorch, so it is restored afterwards.
/// </summary>
public static class EncoderThroughput
{
    public static EncoderThroughputResult Measure(
        BertEncoder encoder, int threads, int batch = 8, int sequenceLength = 256, int iterations = 5, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        var previous = get_num_threads();
        set_num_threads(threads);
        try
        {
            using var noGrad = no_grad();
            using var generator = new Generator(0);
            using var ids = randint(encoder.Config.VocabSize, [batch, sequenceLength], generator: generator);
            using (encoder.Forward(ids))
            {
                // Warm-up: the first pass allocates and picks kernels, and would skew a short measurement.
            }

            var watch = Stopwatch.StartNew();
            for (var i = 0; i < iterations; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var states = encoder.Forward(ids);
            }

            watch.Stop();
            return new EncoderThroughputResult(threads, batch, sequenceLength, iterations, watch.Elapsed.TotalSeconds / iterations);
        }
        finally
        {
            set_num_threads(previous);
        }
    }
}
