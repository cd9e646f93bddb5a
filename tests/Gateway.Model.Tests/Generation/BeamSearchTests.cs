using Gateway.Model.Generation;
using static TorchSharp.torch;

namespace Gateway.Model.Tests.Generation;

public sealed class BeamSearchTests
{
    private static readonly int[] Prompt = [3, 14, 15, 9];

    [Fact]
    public void Width_one_equals_greedy()
    {
        using var model = TinyModels.Create();
        var options = new GenerationOptions { MaxNewTokens = 10 };
        var greedy = model.Generate([Prompt], options)[0];

        var beams = model.GenerateBeams([Prompt], options with { NumBeams = 1 })[0];

        var only = Assert.Single(beams);
        Assert.Equal(greedy.Tokens, only.Tokens);
        Assert.Equal(greedy.LogProbability, only.LogProbability, 4);
    }

    [Fact]
    public void Best_beam_is_at_least_as_likely_as_greedy()
    {
        using var model = TinyModels.Create();
        var greedy = model.Generate([Prompt], new GenerationOptions { MaxNewTokens = 8 })[0];

        var best = model.Generate([Prompt], new GenerationOptions { MaxNewTokens = 8, NumBeams = 4, LengthPenalty = 0 })[0];

        Assert.True(best.LogProbability >= greedy.LogProbability - 1e-5, $"beam {best.LogProbability} < greedy {greedy.LogProbability}");
    }

    [Fact]
    public void Reported_log_probability_is_the_sum_over_a_full_recomputation()
    {
        using var model = TinyModels.Create();
        var best = model.Generate([Prompt], new GenerationOptions { MaxNewTokens = 6, NumBeams = 3 })[0];

        var context = Prompt.Select(t => (long)t).Concat(best.Tokens.Select(t => (long)t)).ToArray();
        double expected = 0;
        using (no_grad())
        {
            using var ids = TinyModels.Ids(context);
            using var logProbabilities = model.Forward(ids).log_softmax(-1);
            for (var i = 0; i < best.Tokens.Count; i++)
            {
                expected += logProbabilities[0, Prompt.Length + i - 1, best.Tokens[i]].item<float>();
            }
        }

        Assert.Equal(expected, best.LogProbability, 4);
    }

    [Fact]
    public void Beams_are_distinct_ranked_by_score_and_repeat_run_to_run()
    {
        using var model = TinyModels.Create();
        var options = new GenerationOptions { MaxNewTokens = 6, NumBeams = 4 };

        var first = model.GenerateBeams([Prompt], options)[0];
        var second = model.GenerateBeams([Prompt], options)[0];

        Assert.Equal(4, first.Count);
        Assert.Equal(first.Count, first.Select(b => string.Join(',', b.Tokens)).Distinct().Count());
        Assert.Equal(first.OrderByDescending(b => b.Score).Select(b => b.Score), first.Select(b => b.Score));
        Assert.Equal(first.Select(b => b.Tokens), second.Select(b => b.Tokens));
    }

    [Fact]
    public void Batch_of_different_lengths_gives_each_prompt_its_own_beams()
    {
        using var model = TinyModels.Create();
        int[][] prompts = [[3, 14, 15, 9, 26, 5], [8, 2], [40, 41, 42]];
        var options = new GenerationOptions { MaxNewTokens = 5, NumBeams = 3, PadTokenId = 60, StopTokenIds = [1] };

        var batched = model.GenerateBeams(prompts, options);

        for (var i = 0; i < prompts.Length; i++)
        {
            var alone = model.GenerateBeams([prompts[i]], options)[0];
            Assert.Equal(alone.Select(b => b.Tokens), batched[i].Select(b => b.Tokens));
        }
    }

    [Fact]
    public void A_stop_sequence_ends_a_hypothesis_and_is_kept()
    {
        using var model = TinyModels.Create();
        var free = model.Generate([Prompt], new GenerationOptions { MaxNewTokens = 6, NumBeams = 2, LengthPenalty = 0 })[0].Tokens;
        int[] stop = [free[1], free[2]];

        var stopped = model.Generate([Prompt], new GenerationOptions { MaxNewTokens = 6, NumBeams = 2, LengthPenalty = 0, StopSequences = [stop] })[0];

        Assert.Equal(FinishReason.Stop, stopped.FinishReason);
        Assert.Equal(stop, stopped.Tokens.TakeLast(2));
    }

    [Fact]
    public void A_logits_processor_constrains_every_beam()
    {
        using var model = TinyModels.Create();
        var free = model.GenerateBeams([Prompt], new GenerationOptions { MaxNewTokens = 5, NumBeams = 3 })[0];
        var banned = free[0].Tokens[0];

        var constrained = model.GenerateBeams([Prompt], new GenerationOptions { MaxNewTokens = 5, NumBeams = 3, LogitsProcessors = [new Ban(banned)] })[0];

        Assert.All(constrained, b => Assert.DoesNotContain(banned, b.Tokens));
    }

    [Fact]
    public void Sampling_with_beams_is_rejected()
    {
        using var model = TinyModels.Create();

        Assert.Throws<ArgumentException>(() => model.Generate([Prompt], new GenerationOptions { NumBeams = 2, Temperature = 1 }));
    }

    private sealed class Ban(int token) : ILogitsProcessor
    {
        public Tensor Process(IReadOnlyList<IReadOnlyList<int>> tokens, Tensor logits)
        {
            logits[.., token] = float.NegativeInfinity;
            return logits;
        }
    }
}
