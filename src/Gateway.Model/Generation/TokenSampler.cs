using static TorchSharp.torch;

namespace Gateway.Model.Generation;

/// <summary>Chooses next tokens from logits: argmax, or temperature and top-p sampling from a seeded generator.</summary>
internal sealed class TokenSampler : IDisposable
{
    private readonly GenerationOptions _options;
    private readonly Generator? _generator;

    public TokenSampler(GenerationOptions options)
    {
        _options = options;
        if (!options.IsGreedy)
        {
            _generator = new Generator((ulong)options.Seed);
        }
    }

    /// <summary>One token id per row of <paramref name="logits"/> [batch, vocab] (float32).</summary>
    public long[] Choose(Tensor logits)
    {
        using var scope = NewDisposeScope();
        if (_options.IsGreedy)
        {
            return logits.argmax(-1).data<long>().ToArray();
        }

        var probabilities = logits.div(_options.Temperature).softmax(-1);
        if (_options.TopP < 1.0)
        {
            probabilities = KeepNucleus(probabilities, _options.TopP);
        }

        return probabilities.multinomial(1, false, _generator).squeeze(-1).data<long>().ToArray();
    }

    public void Dispose() => _generator?.Dispose();

    // Keeps the smallest set of most likely tokens whose mass reaches topP (always at least the top one).
    private static Tensor KeepNucleus(Tensor probabilities, double topP)
    {
        var (sorted, order) = probabilities.sort(-1, descending: true);
        var before = sorted.cumsum(-1).sub(sorted);
        var dropSorted = before.gt(topP);
        var drop = zeros_like(dropSorted).scatter_(-1, order, dropSorted);
        return probabilities.masked_fill(drop, 0);
    }
}
