using Gateway.Model.Generation;
using Gateway.Model.Tokenization;
using static TorchSharp.torch;

namespace Gateway.Model.Training;

/// <summary>
/// Held-out figures for a model being trained: token-weighted loss over every row, and for the first rows greedy
/// generation scored by exact match (normalised strings), ROUGE-1/2/L F1 and corpus BLEU-4.
/// </summary>
public sealed class HeldOutEvaluator(HfTokenizer tokenizer, int endOfSequenceId, int padId)
{
    public EvaluationResult Evaluate(
        CausalLm model, IReadOnlyList<EncodedExample> examples, int step, int batchSize, int generateLimit, int maxNewTokens,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(examples);
        model.SetTraining(false);
        double lossSum = 0;
        long tokens = 0;
        using (no_grad())
        {
            foreach (var chunk in examples.Chunk(batchSize))
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var batch = TrainingBatch.Create(chunk, padId, model.Device.Device);
                using var loss = model.Loss(batch.Ids, batch.Labels);
                lossSum += loss.item<float>() * batch.AnswerTokens;
                tokens += batch.AnswerTokens;
            }
        }

        var pairs = new List<(string Candidate, string Reference)>();
        var options = new GenerationOptions { MaxNewTokens = maxNewTokens, StopTokenIds = [endOfSequenceId], PadTokenId = padId };
        foreach (var chunk in examples.Take(generateLimit).Chunk(batchSize))
        {
            var results = model.Generate(chunk.Select(e => e.PromptIds).ToList(), options, cancellationToken);
            pairs.AddRange(chunk.Zip(results, (e, r) => (Text(r.Tokens), e.Answer)));
        }

        var scores = GenerationScores.Of(pairs);
        return new EvaluationResult(
            step, tokens > 0 ? lossSum / tokens : double.NaN, examples.Count, pairs.Count,
            scores.ExactMatch, scores.Rouge1, scores.Rouge2, scores.RougeL, scores.Bleu4);
    }

    /// <summary>The text of generated ids without the end id and special tokens.</summary>
    public string Text(IReadOnlyList<int> generated) =>
        tokenizer.Decode(generated.Where(id => id != endOfSequenceId), skipSpecialTokens: true).Trim();
}
