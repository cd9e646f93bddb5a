using static TorchSharp.torch;

namespace Gateway.Model.Generation;

/// <summary>
/// Beam search over a batch of prompts with one KV cache of [prompts × width] rows: each step scores every
/// extension of every live beam, keeps the best <c>width</c> that do not stop, files the ones that stop as finished
/// hypotheses, and moves each kept beam onto the cache row it came from. A prompt is done, as in Hugging Face's
/// default (<c>early_stopping=False</c>), once it has <c>width</c> finished hypotheses and no live beam's score can
/// still beat the worst of them.
/// </summary>
internal sealed class BeamSearch
{
    private readonly CausalLm _model;

    public BeamSearch(CausalLm model)
    {
        _model = model;
    }

    /// <summary>Per prompt, up to <see cref="GenerationOptions.NumBeams"/> hypotheses, best <see cref="GenerationResult.Score"/> first.</summary>
    public IReadOnlyList<IReadOnlyList<GenerationResult>> Run(
        IReadOnlyList<IReadOnlyList<int>> prompts, GenerationOptions options, CancellationToken cancellationToken)
    {
        TextGenerator.Validate(_model, prompts, options);
        var batch = prompts.Count;
        var width = options.NumBeams;
        var rows = batch * width;
        var vocab = _model.Config.VocabSize;
        var finished = prompts.Select(_ => new List<GenerationResult>()).ToList();
        var done = new bool[batch];

        // Only the first beam of each prompt is live at the start, so the first step does not pick one token `width` times.
        var beams = new Beam[rows];
        for (var r = 0; r < rows; r++)
        {
            beams[r] = new Beam([], r % width == 0 ? 0 : double.NegativeInfinity);
        }

        using var noGrad = no_grad();
        using var cache = _model.NewCache();
        var device = _model.Device.Device;
        var (ids, mask) = TextGenerator.LeftPad(prompts, options.PadTokenId, device);
        Tensor? pending = null;
        try
        {
            var expansion = Enumerable.Range(0, rows).Select(r => (long)(r / width)).ToArray();
            using (var expand = tensor(expansion, device: device))
            {
                // One prefill per prompt; its cache row, mask and logits are then copied to the prompt's beams.
                using (var prefill = Logits(ids, mask, cache))
                using (var expandLogits = tensor(expansion, device: prefill.device))
                {
                    pending = prefill.index_select(0, expandLogits);
                }

                cache.Reorder(expand);
                using var promptMask = mask;
                mask = promptMask.index_select(0, expand);
                for (var step = 0; step < options.MaxNewTokens; step++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    using var logits = pending ?? Logits(ids, mask, cache);
                    pending = null;
                    var next = Step(prompts, beams, logits, options, finished, done, step + 1);
                    if (done.All(d => d))
                    {
                        break;
                    }

                    beams = next.Select(n => n.Beam).ToArray();
                    using var order = tensor(next.Select(n => (long)n.SourceRow).ToArray(), device: device);
                    cache.Reorder(order);
                    ids.Dispose();
                    ids = tensor(next.Select(n => (long)(n.Beam.Tokens.Count > 0 ? n.Beam.Tokens[^1] : options.PadTokenId)).ToArray(), [rows, 1], device: device);
                    using var reordered = mask.index_select(0, order);
                    using var ones1 = ones(rows, 1, dtype: ScalarType.Int64, device: device);
                    mask.Dispose();
                    mask = cat([reordered, ones1], 1);
                }
            }
        }
        finally
        {
            pending?.Dispose();
            ids.Dispose();
            mask.Dispose();
        }

        for (var b = 0; b < batch; b++)
        {
            if (!done[b])
            {
                // Out of tokens: the live beams compete with the finished ones.
                for (var i = 0; i < width; i++)
                {
                    if (beams[(b * width) + i] is { Score: > double.NegativeInfinity } beam)
                    {
                        Keep(finished[b], Result(beam, FinishReason.Length, options), width);
                    }
                }
            }
        }

        return finished.Select(f => (IReadOnlyList<GenerationResult>)f).ToList();
    }

    private Tensor Logits(Tensor ids, Tensor mask, Transformer.KvCache cache)
    {
        using var scope = NewDisposeScope();
        // Beam bookkeeping reads scores, so the last position's logits come to the CPU (a no-op there).
        return _model.Forward(ids, mask, cache).select(1, -1).to_type(ScalarType.Float32).cpu().MoveToOuterDisposeScope();
    }

    // Chooses each prompt's next beams from the top 2·width extensions (enough that `width` survive even if all
    // the others stop); prompts already done keep their rows as padding.
    private static Candidate[] Step(
        IReadOnlyList<IReadOnlyList<int>> prompts, Beam[] beams, Tensor logits, GenerationOptions options,
        List<List<GenerationResult>> finished, bool[] done, int length)
    {
        var width = options.NumBeams;
        var batch = prompts.Count;
        var vocab = logits.shape[1];
        double[] topScores;
        long[] topIndices;
        using (var scope = NewDisposeScope())
        {
            var processed = logits;
            if (options.LogitsProcessors.Count > 0)
            {
                var tokens = beams.Select((beam, r) => (IReadOnlyList<int>)[.. prompts[r / width], .. beam.Tokens]).ToList();
                foreach (var processor in options.LogitsProcessors)
                {
                    processed = processor.Process(tokens, processed);
                }
            }

            var logProbabilities = processed.log_softmax(-1).to_type(ScalarType.Float64);
            var running = tensor(beams.Select(b => b.Score).ToArray()).unsqueeze(1);
            var totals = logProbabilities.add(running).view(batch, width * vocab);
            var (values, indices) = totals.topk(Math.Min(2 * width, (int)(width * vocab)), dim: 1);
            topScores = values.contiguous().data<double>().ToArray();
            topIndices = indices.contiguous().data<long>().ToArray();
        }

        var perPrompt = topScores.Length / batch;
        var next = new Candidate[beams.Length];
        for (var b = 0; b < batch; b++)
        {
            var chosen = 0;
            if (!done[b])
            {
                for (var rank = 0; rank < perPrompt && chosen < width; rank++)
                {
                    var score = topScores[(b * perPrompt) + rank];
                    if (double.IsNegativeInfinity(score))
                    {
                        break;
                    }

                    var index = topIndices[(b * perPrompt) + rank];
                    var source = (b * width) + (int)(index / vocab);
                    var beam = new Beam([.. beams[source].Tokens, (int)(index % vocab)], score);
                    if (options.EndsWithStop(beam.Tokens))
                    {
                        // As in HF: a stop among the top `width` is a finished hypothesis; below that it is dropped.
                        if (rank < width)
                        {
                            Keep(finished[b], Result(beam, FinishReason.Stop, options), width);
                        }

                        continue;
                    }

                    next[(b * width) + chosen] = new Candidate(source, beam);
                    chosen++;
                }

                var best = chosen > 0 ? next[b * width].Beam.Score : double.NegativeInfinity;
                done[b] = chosen == 0 || (finished[b].Count >= width && finished[b][^1].Score >= Normalised(best, length, options.LengthPenalty));
            }

            // Rows left over (a done prompt, or fewer live extensions than beams) are dead: they stay -inf.
            for (; chosen < width; chosen++)
            {
                var row = (b * width) + chosen;
                next[row] = new Candidate(row, beams[row] with { Score = double.NegativeInfinity });
            }
        }

        return next;
    }

    // Keeps the best `width` hypotheses, best first.
    private static void Keep(List<GenerationResult> hypotheses, GenerationResult result, int width)
    {
        var at = hypotheses.FindIndex(h => h.Score < result.Score);
        hypotheses.Insert(at < 0 ? hypotheses.Count : at, result);
        if (hypotheses.Count > width)
        {
            hypotheses.RemoveAt(hypotheses.Count - 1);
        }
    }

    private static GenerationResult Result(Beam beam, FinishReason reason, GenerationOptions options) =>
        new(beam.Tokens, reason)
        {
            LogProbability = beam.Score,
            Score = Normalised(beam.Score, beam.Tokens.Count, options.LengthPenalty),
        };

    private static double Normalised(double logProbability, int length, double lengthPenalty) =>
        logProbability / Math.Pow(Math.Max(length, 1), lengthPenalty);

    private sealed record Beam(IReadOnlyList<int> Tokens, double Score);

    private readonly record struct Candidate(int SourceRow, Beam Beam);
}
