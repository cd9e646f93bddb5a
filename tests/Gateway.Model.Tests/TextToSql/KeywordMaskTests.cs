using Gateway.Model.TextToSql;
using Gateway.Model.TextToSql.Network;
using static Gateway.Model.Tests.TextToSql.PointerFixtures;
using static TorchSharp.torch;

namespace Gateway.Model.Tests.TextToSql;

/// <summary>A model trained before keywords were appended loads with them masked, instead of being refused.</summary>
public sealed class KeywordMaskTests
{
    private static PointerInput InputWith(PointerExample example, int keywords)
    {
        var offGrammar = 0;
        return PointerInputBuilder.Build(example, Features(example), keywords, null, ref offGrammar);
    }

    [Fact]
    public async Task A_widened_network_scores_as_the_trained_one_and_puts_the_new_keyword_out_of_reach()
    {
        using var directory = new TempDirectory();
        using var trained = new PointerNetwork(TinyConfig with { KeywordCount = Keywords - 1 }, seed: 4);
        trained.eval();
        PointerWeights.Save(trained, directory.Path);
        var example = ThreeExamples()[1];

        var (widened, known) = await PointerWeights.LoadWidenedAsync(directory.Path, Keywords, CancellationToken.None);
        using var _ = widened;
        widened.eval();
        using var before = PointerBatch.Create([InputWith(example, Keywords - 1)]);
        using var after = PointerBatch.Create([InputWith(example, Keywords)]);
        using var linkedBefore = trained.Link(before);
        using var linkedAfter = widened.Link(after);
        var old = trained.Scores(linkedBefore, before.Inputs!).data<float>().ToArray();
        var scores = widened.Scores(linkedAfter, after.Inputs!).data<float>().ToArray();

        Assert.Equal(Keywords - 1, known);
        // Teacher forcing feeds the start row and every target action: one score row per step.
        var steps = example.Target!.Count + 1;
        var (oldWidth, width) = (old.Length / steps, scores.Length / steps);
        Assert.Equal(oldWidth + 1, width);
        for (var step = 0; step < steps; step++)
        {
            var o = old.AsSpan(step * oldWidth, oldWidth);
            var n = scores.AsSpan(step * width, width);
            Assert.Equal(o[..(Keywords - 1)].ToArray(), n[..(Keywords - 1)].ToArray(), new ToleranceComparer(1e-5f));
            Assert.True(n[Keywords - 1] < -1000, $"step {step}: the new keyword scores {n[Keywords - 1]}");
            Assert.Equal(o[(Keywords - 1)..].ToArray(), n[Keywords..].ToArray(), new ToleranceComparer(1e-5f));
        }
    }

    [Fact]
    public async Task A_network_trained_on_more_keywords_than_the_build_knows_is_refused()
    {
        using var directory = new TempDirectory();
        using var trained = new PointerNetwork(TinyConfig, seed: 4);
        PointerWeights.Save(trained, directory.Path);

        var error = await Assert.ThrowsAsync<ModelFormatException>(() => PointerWeights.LoadWidenedAsync(directory.Path, Keywords - 1, CancellationToken.None));

        Assert.Contains($"trained for {Keywords} keywords", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_known_keywords_grammar_forbids_the_rest_and_passes_everything_else()
    {
        var example = ThreeExamples()[0];
        var inner = new ForbiddingGrammar(forbiddenKeyword: 1, maxLength: 10);
        var grammar = new KnownKeywordsGrammar(inner, known: Keywords - 2);

        var cursor = grammar.Start(example);
        var allowed = cursor.Allowed();

        Assert.Equal([true, false, true, true, false, false], allowed.Keywords);
        Assert.Equal(inner.Start(example).Allowed().Columns, allowed.Columns);
        Assert.Null(cursor.Advance(Kw(Keywords - 1)));
        Assert.NotNull(cursor.Advance(Kw(2)));
    }

    [Fact]
    public void Beam_search_under_the_known_keywords_never_emits_a_keyword_the_network_prefers_but_never_learnt()
    {
        using var network = new PointerNetwork(TinyConfig, seed: 6);
        using (no_grad())
        {
            // The untrained keyword (the last) outscores everything, as an unmasked new head row could.
            network.named_parameters().Single(p => p.name == "keyword_head.bias").parameter.narrow(0, Keywords - 1, 1).fill_(100f);
        }

        var example = ThreeExamples()[0] with { Target = null };
        var inner = new ForbiddingGrammar(forbiddenKeyword: 1, maxLength: 6);
        var input = InputWith(example, Keywords);

        var unmasked = BeamSearch.Decode(network, input, example, inner, beamSize: 3, maxSteps: 12);
        var masked = BeamSearch.Decode(network, input, example, new KnownKeywordsGrammar(inner, Keywords - 1), beamSize: 3, maxSteps: 12);

        Assert.Contains(unmasked, b => b.Actions.Contains(Kw(Keywords - 1)));
        Assert.NotEmpty(masked);
        Assert.All(masked, b => Assert.DoesNotContain(Kw(Keywords - 1), b.Actions));
    }

    [Fact]
    public async Task A_model_with_fewer_keywords_loads_with_its_version_and_never_emits_the_missing_ones()
    {
        using var directory = new TempDirectory();
        using var database = new ConcertDatabase();
        var known = SqlKeywords.IndexOf("%");
        PointerSqlModel.WriteUntrained(directory.Path, new PointerNetworkConfig
        {
            Dim = 16, Heads = 2, EncoderLayers = 1, DecoderLayers = 1, FeedForward = 32, Dropout = 0, KeywordCount = known, Version = "pointer-v2-test",
        }, seed: 11);
        var builder = new PointerExampleBuilder();
        var built = await builder.BuildAsync(ConcertDatabase.SpiderSchema, database.Path, "Which singers have a name like Rose?", null, CancellationToken.None);

        using var model = await PointerSqlModel.LoadAsync(directory.Path, CancellationToken.None);
        model.BeamSize = 8;
        var candidates = await model.PredictAsync(built.Example, CancellationToken.None);

        // Loading used to refuse such a model; an untrained network may find no complete query, so candidates may be few.
        Assert.Equal(known, model.TrainedKeywords);
        Assert.Equal("pointer-v2-test", model.Version);
        Assert.All(candidates, c => Assert.DoesNotContain(c.Actions, a => a.Kind == SqlActionKind.Keyword && a.Index >= known));
    }

    private sealed class ToleranceComparer(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(float obj) => 0;
    }
}
