using Gateway.Model.Generation;
using static TorchSharp.torch;

namespace Gateway.Model.Tests.Generation;

public sealed class TextGeneratorTests
{
    private static readonly int[] Prompt = [3, 14, 15, 9];

    [Fact]
    public void Greedy_with_cache_equals_argmax_of_full_recomputation()
    {
        using var model = TinyModels.Create();
        var expected = new List<int>();
        var context = Prompt.Select(t => (long)t).ToList();
        using (no_grad())
        {
            for (var i = 0; i < 8; i++)
            {
                using var ids = TinyModels.Ids(context.ToArray());
                using var logits = model.Forward(ids);
                var next = (int)logits[0][-1].argmax().item<long>();
                expected.Add(next);
                context.Add(next);
            }
        }

        var result = model.Generate([Prompt], new GenerationOptions { MaxNewTokens = 8 });

        Assert.Equal(expected, result[0].Tokens);
        Assert.Equal(FinishReason.Length, result[0].FinishReason);
    }

    [Fact]
    public void Batch_of_different_lengths_generates_what_each_prompt_generates_alone()
    {
        using var model = TinyModels.Create();
        int[][] prompts = [[3, 14, 15, 9, 26, 5], [8, 2], [40, 41, 42]];
        var options = new GenerationOptions { MaxNewTokens = 6, PadTokenId = 60 };

        var batched = model.Generate(prompts, options);

        for (var i = 0; i < prompts.Length; i++)
        {
            Assert.Equal(model.Generate([prompts[i]], options)[0].Tokens, batched[i].Tokens);
        }
    }

    [Fact]
    public void Stop_token_ends_the_sequence_and_is_included()
    {
        using var model = TinyModels.Create();
        var free = model.Generate([Prompt], new GenerationOptions { MaxNewTokens = 5 })[0].Tokens;

        var stopped = model.Generate([Prompt], new GenerationOptions { MaxNewTokens = 5, StopTokenIds = [free[2]] })[0];

        var firstStop = free.ToList().IndexOf(free[2]);
        Assert.Equal(free.Take(firstStop + 1), stopped.Tokens);
        Assert.Equal(FinishReason.Stop, stopped.FinishReason);
    }

    [Fact]
    public void Sampling_with_the_same_seed_repeats()
    {
        using var model = TinyModels.Create();
        var options = new GenerationOptions { MaxNewTokens = 12, Temperature = 1.5, TopP = 0.95, Seed = 42 };

        var first = model.Generate([Prompt], options)[0].Tokens;
        var second = model.Generate([Prompt], options)[0].Tokens;
        var otherSeed = model.Generate([Prompt], options with { Seed = 43 })[0].Tokens;

        Assert.Equal(first, second);
        Assert.NotEqual(first, otherSeed);
    }

    [Fact]
    public void Tiny_top_p_sampling_equals_greedy()
    {
        using var model = TinyModels.Create();

        var greedy = model.Generate([Prompt], new GenerationOptions { MaxNewTokens = 8 })[0].Tokens;
        var nucleus = model.Generate([Prompt], new GenerationOptions { MaxNewTokens = 8, Temperature = 1, TopP = 1e-6, Seed = 5 })[0].Tokens;

        Assert.Equal(greedy, nucleus);
    }

    [Fact]
    public void Logits_processor_can_forbid_and_sees_the_tokens_so_far()
    {
        using var model = TinyModels.Create();
        var greedy = model.Generate([Prompt], new GenerationOptions { MaxNewTokens = 6 })[0].Tokens;
        var ban = new BanToken(greedy[0]);

        var result = model.Generate([Prompt], new GenerationOptions { MaxNewTokens = 6, LogitsProcessors = [ban] })[0];

        Assert.DoesNotContain(greedy[0], result.Tokens);
        Assert.Equal(6, ban.Calls);
        Assert.Equal(Prompt.Concat(result.Tokens.Take(5)), ban.LastSeen);
    }

    [Fact]
    public void Cancellation_stops_generation()
    {
        using var model = TinyModels.Create();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => model.Generate([Prompt], new GenerationOptions(), cancelled.Token));
    }

    [Fact]
    public void Out_of_vocabulary_prompt_is_rejected()
    {
        using var model = TinyModels.Create();

        Assert.Throws<ArgumentException>(() => model.Generate([[1, 999]], new GenerationOptions()));
    }

    [Fact]
    public void Observer_sees_every_token_and_can_end_a_sequence_early()
    {
        using var model = TinyModels.Create();
        var free = model.Generate([Prompt], new GenerationOptions { MaxNewTokens = 6 })[0].Tokens;
        var observer = new StopAfter(3);

        var stopped = model.Generate([Prompt], new GenerationOptions { MaxNewTokens = 6, Observer = observer })[0];

        Assert.Equal(free.Take(3), stopped.Tokens);
        Assert.Equal(FinishReason.Stop, stopped.FinishReason);
        Assert.Equal(free.Take(3), observer.Seen);
    }

    private sealed class StopAfter(int count) : IGenerationObserver
    {
        public List<int> Seen { get; } = [];

        public bool OnToken(int sequence, IReadOnlyList<int> generated)
        {
            Seen.Add(generated[^1]);
            return generated.Count < count;
        }
    }

    private sealed class BanToken(int token) : ILogitsProcessor
    {
        public int Calls { get; private set; }

        public IReadOnlyList<int> LastSeen { get; private set; } = [];

        public Tensor Process(IReadOnlyList<IReadOnlyList<int>> tokens, Tensor logits)
        {
            Calls++;
            LastSeen = tokens[0].ToList();
            logits[.., token] = float.NegativeInfinity;
            return logits;
        }
    }
}
