using System.Diagnostics;
using System.Text.Json;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Gateway.Model.Training;

/// <summary>
/// Supervised fine-tuning of a <see cref="CausalLm"/> (with a LoRA adapter attached, or all weights): AdamW with
/// warm-up and cosine decay, gradient clipping and accumulation, checkpoints, exact resume and held-out evaluation
/// appended to <c>eval.jsonl</c>. The data order is a pure function of the seed and the epoch, so a run resumed from
/// a checkpoint sees the same batches as one that never stopped.
/// </summary>
public sealed class Trainer(CausalLm model, TrainingOptions options, HeldOutEvaluator evaluator, int padId)
{
    public const string EvalFileName = "eval.jsonl";

    /// <summary>Optimiser steps for <paramref name="examples"/> rows: whole epochs, capped by <see cref="TrainingOptions.MaxSteps"/>.</summary>
    public int TotalSteps(int examples)
    {
        var batches = (examples + options.BatchSize - 1) / options.BatchSize;
        var steps = options.Epochs * StepsPerEpoch(batches);
        return options.MaxSteps is { } max ? Math.Min(max, steps) : steps;
    }

    /// <param name="checkpoint">a checkpoint to resume from (the model must already hold its weights), or null</param>
    public TrainingSummary Run(
        IReadOnlyList<EncodedExample> train, IReadOnlyList<EncodedExample> heldOut, string outputDirectory, string? checkpoint,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(heldOut);
        if (train.Count == 0)
        {
            throw new TrainingDataException("no training rows are left after encoding");
        }

        Directory.CreateDirectory(outputDirectory);
        var batchesPerEpoch = (train.Count + options.BatchSize - 1) / options.BatchSize;
        var stepsPerEpoch = StepsPerEpoch(batchesPerEpoch);
        var total = TotalSteps(train.Count);
        var schedule = new LearningRateSchedule(options.LearningRate, options.WarmupSteps(total), total);
        var parameters = model.TrainableParameters();
        using var optimizer = optim.AdamW(parameters, options.LearningRate, weight_decay: options.WeightDecay);
        var start = 0;
        if (checkpoint is not null)
        {
            start = TrainerCheckpoint.Restore(checkpoint, optimizer).Step;
            DropEvaluationsAfter(start, outputDirectory);
        }
        else
        {
            random.manual_seed(options.Seed);
        }

        var losses = new List<double>();
        var evaluations = new List<EvaluationResult>();
        long tokens = 0;
        var clock = Stopwatch.StartNew();
        // Evaluation and checkpoints are timed apart so tokens/s and the ETA describe training alone.
        var aside = TimeSpan.Zero;
        int[]? order = null;
        var orderEpoch = -1;
        for (var step = start; step < total; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var epoch = step / stepsPerEpoch;
            if (epoch != orderEpoch)
            {
                order = Shuffle(train.Count, options.Seed, epoch);
                orderEpoch = epoch;
            }

            var firstBatch = step % stepsPerEpoch * options.GradientAccumulation;
            var batches = Enumerable.Range(firstBatch, Math.Min(options.GradientAccumulation, batchesPerEpoch - firstBatch))
                .Select(b => order!.Skip(b * options.BatchSize).Take(options.BatchSize).Select(i => train[i]).ToList())
                .ToList();
            var (loss, stepTokens) = Step(optimizer, parameters, batches, schedule.RateAt(step));
            losses.Add(loss);
            tokens += stepTokens;
            var done = step + 1;
            var elapsed = clock.Elapsed - aside;
            var remaining = TimeSpan.FromSeconds(elapsed.TotalSeconds / (done - start) * (total - done));
            progress?.Report(new TrainingProgress(done, total, loss, schedule.RateAt(step), tokens / Math.Max(1e-9, elapsed.TotalSeconds), elapsed, remaining));

            var asideStart = clock.Elapsed;
            if (options.SaveEvery > 0 && done % options.SaveEvery == 0 && done < total)
            {
                TrainerCheckpoint.Save(outputDirectory, model, optimizer, done, options.Seed);
            }

            if (heldOut.Count > 0 && (done == total || (options.EvalEvery > 0 && done % options.EvalEvery == 0)))
            {
                evaluations.Add(Evaluate(heldOut, done, outputDirectory, cancellationToken));
            }

            aside += clock.Elapsed - asideStart;
        }

        return new TrainingSummary(start, Math.Max(start, total), total, losses, tokens, clock.Elapsed - aside, evaluations);
    }

    private (double Loss, long Tokens) Step(AdamW optimizer, IReadOnlyList<Parameter> parameters, List<List<EncodedExample>> batches, double rate)
    {
        model.SetTraining(true);
        foreach (var group in optimizer.ParamGroups)
        {
            group.LearningRate = rate;
        }

        optimizer.zero_grad();
        var answerTokens = batches.Sum(b => b.Sum(e => e.Length - e.PromptLength));
        double total = 0;
        long tokens = 0;
        foreach (var examples in batches)
        {
            using var scope = NewDisposeScope();
            using var batch = TrainingBatch.Create(examples, padId, model.Device.Device);
            // Each pass's mean is weighted by its share of the step's answer tokens, so the step's gradient is that of
            // the token mean over all its passes, however the rows fall into passes.
            var weight = (double)batch.AnswerTokens / Math.Max(1, answerTokens);
            var loss = model.Loss(batch.Ids, batch.Labels);
            loss.mul(weight).backward();
            total += loss.item<float>() * weight;
            tokens += batch.Tokens;
        }

        if (options.MaxGradientNorm > 0)
        {
            nn.utils.clip_grad_norm_(parameters, options.MaxGradientNorm);
        }

        optimizer.step();
        return (total, tokens);
    }

    private EvaluationResult Evaluate(IReadOnlyList<EncodedExample> heldOut, int step, string outputDirectory, CancellationToken cancellationToken)
    {
        var result = evaluator.Evaluate(model, heldOut, step, options.BatchSize, options.EvalGenerateLimit, options.EvalMaxNewTokens, cancellationToken);
        var line = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["step"] = result.Step,
            ["loss"] = result.Loss,
            ["examples"] = result.Examples,
            ["generated"] = result.Generated,
            ["exact_match"] = result.ExactMatch,
            ["rouge1"] = result.Rouge1,
            ["rouge2"] = result.Rouge2,
            ["rougeL"] = result.RougeL,
            ["bleu4"] = result.Bleu4,
        });
        File.AppendAllText(Path.Combine(outputDirectory, EvalFileName), line + "\n");
        return result;
    }

    /// <summary>A run resumed from step N recomputes the evaluations after N; the interrupted run's lines for them go.</summary>
    private static void DropEvaluationsAfter(int step, string outputDirectory)
    {
        var path = Path.Combine(outputDirectory, EvalFileName);
        if (!File.Exists(path))
        {
            return;
        }

        var kept = File.ReadAllLines(path).Where(line =>
        {
            using var json = JsonDocument.Parse(line);
            return json.RootElement.GetProperty("step").GetInt32() <= step;
        }).ToList();
        File.WriteAllLines(path, kept);
    }

    private int StepsPerEpoch(int batches) => (batches + options.GradientAccumulation - 1) / options.GradientAccumulation;

    /// <summary>A permutation of the rows for one epoch; System.Random with a fixed seed repeats across runs.</summary>
    private static int[] Shuffle(int count, long seed, int epoch)
    {
        var order = Enumerable.Range(0, count).ToArray();
        new Random(unchecked((int)((seed * 1_000_003) + epoch))).Shuffle(order);
        return order;
    }
}
