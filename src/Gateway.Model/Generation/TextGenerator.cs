using static TorchSharp.torch;

namespace Gateway.Model.Generation;

/// <summary>
/// Continues a batch of token prompts with a KV cache: prompts are left-padded and masked, one forward pass
/// fills the cache, then each step feeds one token per sequence until every sequence has stopped.
/// </summary>
internal sealed class TextGenerator
{
    private readonly CausalLm _model;

    public TextGenerator(CausalLm model)
    {
        _model = model;
    }

    public IReadOnlyList<GenerationResult> Generate(
        IReadOnlyList<IReadOnlyList<int>> prompts, GenerationOptions options, CancellationToken cancellationToken)
    {
        Validate(_model, prompts, options);
        var batch = prompts.Count;
        var tokens = prompts.Select(p => p.ToList()).ToList();
        var generated = prompts.Select(_ => new List<int>()).ToList();
        var finished = new FinishReason?[batch];
        var logProbabilities = new double[batch];
        using var noGrad = no_grad();
        using var cache = _model.NewCache();
        using var sampler = new TokenSampler(options);
        var device = _model.Device.Device;
        var (ids, mask) = LeftPad(prompts, options.PadTokenId, device);
        try
        {
            for (var step = 0; step < options.MaxNewTokens; step++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                long[] next;
                using (var scope = NewDisposeScope())
                {
                    // Sampling, logits processors and scores run on the CPU: one row per sequence, and they read values.
                    var logits = _model.Forward(ids, mask, cache).select(1, -1).to_type(ScalarType.Float32).cpu();
                    foreach (var processor in options.LogitsProcessors)
                    {
                        logits = processor.Process(tokens, logits);
                    }

                    next = sampler.Choose(logits);
                    using var chosen = tensor(next, [batch, 1]);
                    var scores = logits.log_softmax(-1).gather(1, chosen).squeeze(1).to_type(ScalarType.Float64).data<double>().ToArray();
                    for (var i = 0; i < batch; i++)
                    {
                        logProbabilities[i] += finished[i] is null ? scores[i] : 0;
                    }
                }

                for (var i = 0; i < batch; i++)
                {
                    if (finished[i] is not null)
                    {
                        next[i] = options.PadTokenId;
                        continue;
                    }

                    var token = (int)next[i];
                    tokens[i].Add(token);
                    generated[i].Add(token);
                    var keepGoing = options.Observer?.OnToken(i, generated[i]) ?? true;
                    if (options.EndsWithStop(generated[i]) || !keepGoing)
                    {
                        finished[i] = FinishReason.Stop;
                    }
                }

                if (finished.All(f => f is not null))
                {
                    break;
                }

                ids.Dispose();
                ids = tensor(next, [batch, 1], device: device);
                using var oldMask = mask;
                using var ones1 = ones(batch, 1, dtype: ScalarType.Int64, device: device);
                mask = cat([oldMask, ones1], 1);
            }
        }
        finally
        {
            ids.Dispose();
            mask.Dispose();
        }

        return generated.Select((g, i) => new GenerationResult(g, finished[i] ?? FinishReason.Length)
        {
            LogProbability = logProbabilities[i],
            Score = logProbabilities[i],
        }).ToList();
    }

    /// <summary>Prompts left-padded with <paramref name="padId"/> into ids [batch, longest] and a mask (1 for tokens), on <paramref name="device"/>.</summary>
    internal static (Tensor Ids, Tensor Mask) LeftPad(IReadOnlyList<IReadOnlyList<int>> prompts, int padId, Device device)
    {
        var length = prompts.Max(p => p.Count);
        var ids = new long[prompts.Count * length];
        var mask = new long[prompts.Count * length];
        for (var i = 0; i < prompts.Count; i++)
        {
            var offset = (i * length) + length - prompts[i].Count;
            Array.Fill(ids, padId, i * length, length - prompts[i].Count);
            for (var j = 0; j < prompts[i].Count; j++)
            {
                ids[offset + j] = prompts[i][j];
                mask[offset + j] = 1;
            }
        }

        return (tensor(ids, [prompts.Count, length], device: device), tensor(mask, [prompts.Count, length], device: device));
    }

    internal static void Validate(CausalLm model, IReadOnlyList<IReadOnlyList<int>> prompts, GenerationOptions options)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(options);
        if (prompts.Count == 0 || prompts.Any(p => p.Count == 0))
        {
            throw new ArgumentException("every prompt needs at least one token", nameof(prompts));
        }

        var vocab = model.Config.VocabSize;
        if (prompts.Any(p => p.Any(t => t < 0 || t >= vocab)))
        {
            throw new ArgumentException($"prompt token ids must be in [0, {vocab})", nameof(prompts));
        }

        if (options.MaxNewTokens < 0 || options.TopP <= 0 || options.TopP > 1)
        {
            throw new ArgumentException("MaxNewTokens must be ≥ 0 and TopP in (0, 1]", nameof(options));
        }

        if (options.NumBeams < 1 || !double.IsFinite(options.LengthPenalty))
        {
            throw new ArgumentException("NumBeams must be ≥ 1 and LengthPenalty finite", nameof(options));
        }

        if (options.NumBeams > 1 && (!options.IsGreedy || options.Observer is not null))
        {
            throw new ArgumentException("beam search scores greedily: it takes no Temperature and no Observer", nameof(options));
        }

        if (options.StopSequences.Any(s => s.Count == 0))
        {
            throw new ArgumentException("a stop sequence needs at least one token", nameof(options));
        }
    }
}
