using System.Diagnostics;
using System.Globalization;
using Gateway.Model;
using Gateway.Model.Config;
using static TorchSharp.torch;

namespace Gateway.Commands.Bench;

/// <summary>Figures of one <c>gateway bench model</c> run, all measured in the same process.</summary>
internal sealed record ModelBenchmarkResult(
    long Parameters, int PromptTokens, int NewTokens, double PrefillTokensPerSecond, double DecodeTokensPerSecond,
    double MatmulGflops, double RooflineShare, double DecodeRooflineShare, double PeakRssMb);

/// <summary>
/// Prefill and decode speed of a model beside the speed of a plain 1024×1024 fp32 matmul on the same threads.
/// Model work is counted as 2 × parameters FLOPs per token (attention over the context left out), so the roofline
/// share is a lower bound that is comparable across models and machines. Each figure is the best of a few rounds:
/// on a shared machine the fastest round is the one least disturbed by others.
/// </summary>
internal static class ModelBenchmark
{
    /// <summary>Qwen2-0.5B's shape (about 494M parameters, tied embeddings).</summary>
    public static ModelConfig Qwen2HalfBillion() => new()
    {
        ModelType = "qwen2",
        VocabSize = 151936,
        HiddenSize = 896,
        IntermediateSize = 4864,
        NumHiddenLayers = 24,
        NumAttentionHeads = 14,
        NumKeyValueHeads = 2,
        RmsNormEps = 1e-6,
        RopeTheta = 1_000_000,
        MaxPositionEmbeddings = 32768,
        TieWordEmbeddings = true,
        TorchDType = "float32",
    };

    public static ModelBenchmarkResult Run(CausalLm model, int promptTokens, int newTokens, int rounds, CancellationToken cancellationToken)
    {
        var parameters = model.TrainableParameters().Sum(p => p.numel());
        var gflops = MatmulGflops(rounds);
        double prefill = 0, decode = 0;
        using var noGrad = no_grad();
        var generator = new Random(1);
        for (var round = 0; round < rounds; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var ids = tensor(Enumerable.Range(0, promptTokens).Select(_ => (long)generator.Next(model.Config.VocabSize)).ToArray()).unsqueeze(0);
            var cache = model.NewCache();
            var clock = Stopwatch.StartNew();
            var logits = model.Forward(ids, null, cache);
            var next = logits[0, -1].argmax().reshape(1, 1);
            prefill = Math.Max(prefill, promptTokens / clock.Elapsed.TotalSeconds);
            clock.Restart();
            for (var i = 0; i < newTokens; i++)
            {
                using var step = NewDisposeScope();
                next = model.Forward(next, null, cache)[0, -1].argmax().reshape(1, 1).MoveToOuterDisposeScope();
            }

            decode = Math.Max(decode, newTokens / clock.Elapsed.TotalSeconds);
        }

        var flopsPerToken = 2.0 * parameters;
        return new ModelBenchmarkResult(
            parameters, promptTokens, newTokens, prefill, decode, gflops,
            prefill * flopsPerToken / (gflops * 1e9), decode * flopsPerToken / (gflops * 1e9), PeakRssMb());
    }

    /// <summary>GFLOP/s of a 1024×1024 by 1024×1024 fp32 matmul (2·n³ FLOPs), best of the rounds.</summary>
    public static double MatmulGflops(int rounds)
    {
        const int n = 1024;
        using var a = randn(n, n);
        using var b = randn(n, n);
        using (a.matmul(b))
        {
            // warm-up: thread pool start and first-touch allocation stay out of the timing
        }

        double best = 0;
        for (var round = 0; round < Math.Max(3, rounds); round++)
        {
            var clock = Stopwatch.StartNew();
            using var c = a.matmul(b);
            best = Math.Max(best, 2.0 * n * n * n / clock.Elapsed.TotalSeconds / 1e9);
        }

        return best;
    }

    /// <summary>The process's peak resident set (VmHWM) in MB; 0 where /proc is absent.</summary>
    public static double PeakRssMb()
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status))
        {
            return 0;
        }

        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        var kilobytes = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return kilobytes is null ? 0 : long.Parse(kilobytes, CultureInfo.InvariantCulture) / 1024.0;
    }
}
