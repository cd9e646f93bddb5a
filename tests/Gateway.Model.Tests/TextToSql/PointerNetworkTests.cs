using Gateway.Model.Safetensors;
using Gateway.Model.TextToSql.Network;
using static Gateway.Model.Tests.TextToSql.PointerFixtures;
using static TorchSharp.torch;

namespace Gateway.Model.Tests.TextToSql;

public sealed class PointerNetworkTests
{
    [Fact]
    public void Scores_have_one_column_per_keyword_and_per_padded_column_table_and_value()
    {
        using var network = new PointerNetwork(TinyConfig, seed: 1);
        var inputs = ThreeExamples().Select(e => Input(e)).ToList();
        using var batch = PointerBatch.Create(inputs);
        using var linked = network.Link(batch);
        using var scores = network.Scores(linked, batch.Inputs!);

        Assert.Equal(new long[] { 3, 7, Keywords + 5 + 2 + 2 }, scores.shape);
    }

    [Fact]
    public void A_target_outside_its_example_points_at_the_right_padded_slot()
    {
        var input = Input(ThreeExamples()[1]);
        using var batch = PointerBatch.Create([input]);

        // Tables come after the keywords and the 5 columns, values after the 2 tables; the end keyword closes it.
        Assert.Equal(new long[] { 1, Keywords + 5 + 1, 2, Keywords + 3, 3, Keywords + 5 + 2, 0 }, batch.Targets!.data<long>().ToArray());
    }

    [Fact]
    public void The_grammar_mask_is_recorded_for_every_target_step()
    {
        var input = Input(ThreeExamples()[0], new ForbiddingGrammar(forbiddenKeyword: 5, maxLength: 10));

        Assert.Equal(input.Target!.Length, input.Masks!.Length);
        Assert.All(input.Masks, mask => Assert.False(mask[5]));
        Assert.All(input.Masks, mask => Assert.True(mask[Keywords + 2]));
    }

    [Fact]
    public void Loss_falls_when_three_examples_are_overfit()
    {
        using var network = new PointerNetwork(TinyConfig, seed: 2);
        var grammar = new ForbiddingGrammar(forbiddenKeyword: 5, maxLength: 10);
        using var batch = PointerBatch.Create(ThreeExamples().Select(e => Input(e, grammar)).ToList());
        using var optimizer = optim.AdamW(network.parameters(), 0.01);
        network.train();
        var first = 0f;
        var last = 0f;
        for (var step = 0; step < 80; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = network.Loss(batch);
            loss.backward();
            optimizer.step();
            last = loss.item<float>();
            first = step == 0 ? last : first;
        }

        Assert.True(last < first * 0.1, $"loss went from {first} to {last}");
    }

    [Fact]
    public void Beam_search_after_overfitting_returns_the_trained_target_first()
    {
        using var network = new PointerNetwork(TinyConfig, seed: 3);
        var grammar = new ForbiddingGrammar(forbiddenKeyword: 5, maxLength: 10);
        var examples = ThreeExamples();
        Overfit(network, examples.Select(e => Input(e, grammar)).ToList(), steps: 120);

        var example = examples[1];
        var beams = BeamSearch.Decode(network, Input(example with { Target = null }), example, grammar, beamSize: 3, maxSteps: 12);

        Assert.Equal([.. example.Target!, Kw(0)], beams[0].Actions);
        Assert.True(beams.Zip(beams.Skip(1)).All(p => p.First.Score >= p.Second.Score));
    }

    [Fact]
    public void Beam_search_never_takes_an_action_the_grammar_forbids()
    {
        using var network = new PointerNetwork(TinyConfig, seed: 4);
        var grammar = new ForbiddingGrammar(forbiddenKeyword: 1, maxLength: 6);
        var example = ThreeExamples()[0] with { Target = null };

        var beams = BeamSearch.Decode(network, Input(example), example, grammar, beamSize: 4, maxSteps: 12);

        Assert.NotEmpty(beams);
        Assert.All(beams, b => Assert.DoesNotContain(Kw(1), b.Actions));
        Assert.All(beams, b => Assert.True(b.Actions.Count <= 7));
    }

    [Fact]
    public async Task Saved_and_loaded_weights_give_identical_scores()
    {
        using var directory = new TempDirectory();
        using var network = new PointerNetwork(TinyConfig, seed: 5);
        network.eval();
        using var batch = PointerBatch.Create(ThreeExamples().Select(e => Input(e)).ToList());
        PointerWeights.Save(network, directory.Path);

        using var loaded = await PointerWeights.LoadAsync(directory.Path, CancellationToken.None);
        loaded.eval();
        using var linkedA = network.Link(batch);
        using var linkedB = loaded.Link(batch);
        using var a = network.Scores(linkedA, batch.Inputs!);
        using var b = loaded.Scores(linkedB, batch.Inputs!);

        Assert.Equal(a.data<float>().ToArray(), b.data<float>().ToArray());
        Assert.Equal(network.named_parameters().Count(), SafetensorsFile.Read(Path.Combine(directory.Path, PointerWeights.WeightsFile)).Count);
    }

    internal static void Overfit(PointerNetwork network, IReadOnlyList<PointerInput> inputs, int steps)
    {
        using var batch = PointerBatch.Create(inputs);
        using var optimizer = optim.AdamW(network.parameters(), 0.01);
        network.train();
        for (var step = 0; step < steps; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            network.Loss(batch).backward();
            optimizer.step();
        }
    }
}
