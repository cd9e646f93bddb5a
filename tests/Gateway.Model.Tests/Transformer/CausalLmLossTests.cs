using static TorchSharp.torch;

namespace Gateway.Model.Tests.Transformer;

public sealed class CausalLmLossTests
{
    private static readonly long[] Tokens = [5, 17, 33, 2, 48, 12];

    [Fact]
    public void Loss_is_the_mean_negative_log_likelihood_of_each_next_token()
    {
        using var model = TinyModels.Create();
        using var noGrad = no_grad();
        using var ids = TinyModels.Ids(Tokens);
        using var logits = model.Forward(ids);
        using var logProbs = logits[0].log_softmax(-1);
        var expected = Enumerable.Range(0, Tokens.Length - 1).Average(t => -logProbs[t][Tokens[t + 1]].item<float>());

        using var loss = model.Loss(ids, ids);

        Assert.Equal(expected, loss.item<float>(), 4);
    }

    [Fact]
    public void Ignored_labels_do_not_count()
    {
        using var model = TinyModels.Create();
        using var noGrad = no_grad();
        using var ids = TinyModels.Ids(Tokens);
        using var promptMasked = TinyModels.Ids(CausalLm.IgnoreIndex, CausalLm.IgnoreIndex, CausalLm.IgnoreIndex, 2, 48, 12);
        using var logits = model.Forward(ids);
        using var logProbs = logits[0].log_softmax(-1);
        var expected = new[] { 2, 3, 4 }.Average(t => -logProbs[t][Tokens[t + 1]].item<float>());

        using var loss = model.Loss(ids, promptMasked);

        Assert.Equal(expected, loss.item<float>(), 4);
    }
}
