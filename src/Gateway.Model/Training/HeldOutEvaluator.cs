using Gateway.Evaluation.Text;
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
                using var batch = TrainingBatch.Create(chunk, padId);
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

        var n = Math.Max(1, pairs.Count);
        return new EvaluationResult(
            step,
            tokens > 0 ? lossSum / tokens : double.NaN,
            examples.Count,
            pairs.Count,
            pairs.Count(p => SqlText.Normalize(p.Candidate) == SqlText.Normalize(p.Reference)) / (double)n,
            pairs.Sum(p => Rouge.N(p.Candidate, p.Reference, 1).F1) / n,
            pairs.Sum(p => Rouge.N(p.Candidate, p.Reference, 2).F1) / n,
            pairs.Sum(p => Rouge.L(p.Candidate, p.Reference).F1) / n,
            pairs.Count > 0 ? Bleu.Corpus(pairs).Score : 0);
    }

    private string Text(IReadOnlyList<int> generated) =>
        tokenizer.Decode(generated.Where(id => id != endOfSequenceId), skipSpecialTokens: true).Trim();
}
