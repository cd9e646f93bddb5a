using static TorchSharp.torch;

namespace Gateway.Model.TextToSql.Network;

/// <summary>One decoded action sequence (ending with the end keyword) and its summed log-probability.</summary>
public sealed record DecodedActions(IReadOnlyList<SqlAction> Actions, double Score);

/// <summary>
/// Beam search under the grammar: at every step each hypothesis may only take what its grammar cursor allows, so
/// every finished hypothesis is a complete, well-formed query over the example's own names.
/// </summary>
internal static class BeamSearch
{
    private sealed record Hypothesis(List<SqlAction> Actions, List<long> Rows, IGrammarCursor Cursor, double Score);

    /// <returns>finished hypotheses, best first (at most <paramref name="beamSize"/>)</returns>
    public static IReadOnlyList<DecodedActions> Decode(
        PointerNetwork network, PointerInput input, PointerExample example, IActionGrammar grammar, int beamSize, int maxSteps,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(beamSize, 1);
        maxSteps = Math.Min(maxSteps, network.Config.MaxSteps);
        network.eval();
        using var noGrad = no_grad();
        using var batch = PointerBatch.Create([input]);
        using var linked = network.Link(batch);
        var live = new List<Hypothesis> { new([], [batch.StartRow], grammar.Start(example), 0) };
        var finished = new List<Hypothesis>();
        for (var step = 0; step < maxSteps && live.Count > 0; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var logProbs = StepLogProbs(network, linked, live, batch, input);
            var candidates = new List<(Hypothesis From, int Flat, double Score)>();
            for (var h = 0; h < live.Count; h++)
            {
                var row = logProbs[h];
                foreach (var flat in TopIndexes(row, beamSize))
                {
                    candidates.Add((live[h], flat, live[h].Score + row[flat]));
                }
            }

            var next = new List<Hypothesis>();
            foreach (var (origin, flat, score) in candidates.OrderByDescending(c => c.Score))
            {
                if (next.Count >= beamSize)
                {
                    break;
                }

                var action = input.Action(flat);
                if (action is { Kind: SqlActionKind.Keyword, Index: 0 })
                {
                    finished.Add(origin with { Actions = [.. origin.Actions, action], Score = score });
                    continue;
                }

                if (origin.Cursor.Advance(action) is not { } cursor)
                {
                    continue;
                }

                next.Add(new Hypothesis([.. origin.Actions, action], [.. origin.Rows, batch.Layout.ToBatch(input, flat)], cursor, score));
            }

            live = next;
            // Scores only fall, so once the best finished beats every live hypothesis nothing better can come.
            if (finished.Count >= beamSize && live.All(l => l.Score < finished.Max(f => f.Score)))
            {
                break;
            }
        }

        return finished.OrderByDescending(f => f.Score).Take(beamSize).Select(f => new DecodedActions(f.Actions, f.Score)).ToList();
    }

    /// <summary>Log-probabilities of the next action for every live hypothesis, as float rows over the flat outputs; -inf where not allowed.</summary>
    private static float[][] StepLogProbs(PointerNetwork network, LinkedItems linked, List<Hypothesis> live, PointerBatch batch, PointerInput input)
    {
        using var scope = NewDisposeScope();
        var steps = live[0].Rows.Count;
        var rows = new long[live.Count * steps];
        var allowed = new bool[live.Count * batch.Outputs];
        for (var h = 0; h < live.Count; h++)
        {
            live[h].Rows.CopyTo(rows, h * steps);
            var mask = input.Flat(live[h].Cursor.Allowed());
            for (var flat = 0; flat < mask.Length; flat++)
            {
                allowed[(h * batch.Outputs) + batch.Layout.ToBatch(input, flat)] = mask[flat];
            }
        }

        using var repeated = linked.Repeat(live.Count);
        var scores = network.Scores(repeated, tensor(rows, [live.Count, steps])).select(1, steps - 1);
        var logProbs = scores.masked_fill(tensor(allowed, [live.Count, batch.Outputs]).logical_not(), float.NegativeInfinity).log_softmax(-1);
        var data = logProbs.contiguous().data<float>().ToArray();
        var result = new float[live.Count][];
        for (var h = 0; h < live.Count; h++)
        {
            result[h] = new float[input.Outputs];
            for (var flat = 0; flat < input.Outputs; flat++)
            {
                result[h][flat] = data[(h * batch.Outputs) + batch.Layout.ToBatch(input, flat)];
            }
        }

        return result;
    }

    private static IEnumerable<int> TopIndexes(float[] row, int count) =>
        Enumerable.Range(0, row.Length).Where(i => !float.IsNegativeInfinity(row[i])).OrderByDescending(i => row[i]).Take(count + 1);
}
