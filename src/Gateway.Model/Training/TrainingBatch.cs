using static TorchSharp.torch;

namespace Gateway.Model.Training;

/// <summary>
/// Examples padded on the right to one length: ids [batch, seq] and labels with <see cref="CausalLm.IgnoreIndex"/> on
/// the prompt and the padding. Right padding needs no attention mask: under the causal mask no real token attends
/// to the padding after it, and positions of real tokens are unchanged.
/// </summary>
internal sealed class TrainingBatch : IDisposable
{
    private TrainingBatch(Tensor ids, Tensor labels, int tokens, int answerTokens)
    {
        Ids = ids;
        Labels = labels;
        Tokens = tokens;
        AnswerTokens = answerTokens;
    }

    public Tensor Ids { get; }

    public Tensor Labels { get; }

    /// <summary>Real (non-padding) tokens.</summary>
    public int Tokens { get; }

    /// <summary>Tokens that carry a label and so count in the loss.</summary>
    public int AnswerTokens { get; }

    public static TrainingBatch Create(IReadOnlyList<EncodedExample> examples, int padId, Device? device = null)
    {
        var length = examples.Max(e => e.Length);
        var ids = new long[examples.Count * length];
        var labels = new long[examples.Count * length];
        Array.Fill(ids, padId);
        Array.Fill(labels, CausalLm.IgnoreIndex);
        for (var row = 0; row < examples.Count; row++)
        {
            var example = examples[row];
            var exampleLabels = example.Labels();
            for (var i = 0; i < example.Length; i++)
            {
                ids[(row * length) + i] = example.Ids[i];
                labels[(row * length) + i] = exampleLabels[i];
            }
        }

        return new TrainingBatch(
            tensor(ids, [examples.Count, length], device: device),
            tensor(labels, [examples.Count, length], device: device),
            examples.Sum(e => e.Length),
            examples.Sum(e => e.Length - e.PromptLength));
    }

    public void Dispose()
    {
        Ids.Dispose();
        Labels.Dispose();
    }
}
