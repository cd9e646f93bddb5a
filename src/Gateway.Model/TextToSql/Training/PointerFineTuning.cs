using System.Diagnostics;
using Gateway.Model.Encoders;
using Gateway.Model.TextToSql.Features;
using Gateway.Model.TextToSql.Network;
using Gateway.Model.Training;
using static TorchSharp.torch;

namespace Gateway.Model.TextToSql.Training;

/// <summary>What <see cref="PointerFineTuning"/> starts from, trains on and writes.</summary>
public sealed record PointerFineTuneRequest
{
    /// <summary>Required. The pointer model folder whose weights training starts from (e.g. <c>models/default</c>); never written to.</summary>
    public required string BaseModelDirectory { get; init; }

    /// <summary>Required. Where the fine-tuned <c>weights.safetensors</c> and <c>config.json</c> go (created if needed).</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Required. Examples with targets (built by <see cref="PointerExampleBuilder"/> from gold SQL).</summary>
    public required IReadOnlyList<PointerExample> Examples { get; init; }

    /// <summary>A short, gentle run: few examples, so few epochs at a low rate keep the base model's skill.</summary>
    public static PointerTrainingOptions DefaultTraining { get; } = new() { Epochs = 8, BatchSize = 8, LearningRate = 1e-4, WarmupFraction = 0.1 };

    /// <summary>Default <see cref="DefaultTraining"/>.</summary>
    public PointerTrainingOptions Training { get; init; } = DefaultTraining;
}

/// <summary>What a fine-tune did: the loss per epoch and how long it took.</summary>
public sealed record PointerFineTuneResult(IReadOnlyList<EpochRecord> Epochs, long Parameters, double WallSeconds);

/// <summary>
/// Continues training a shipped pointer model on a few examples (one source's question-SQL pairs): the frozen encoder
/// stays as it is; the pointer network (the trainable part) is copied from the base folder, trained briefly, and
/// written, with its own config, to the output folder, which <see cref="PointerSqlModel.LoadAsync"/> then loads like
/// any model folder. The base folder is only read.
/// </summary>
public static class PointerFineTuning
{
    public static async Task<PointerFineTuneResult> RunAsync(PointerFineTuneRequest request, IProgress<PointerTrainingProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Examples.Count == 0 || request.Examples.Any(e => e.Target is null))
        {
            throw new TrainingDataException("fine-tuning needs at least one example, each with a target");
        }

        if (Path.GetFullPath(request.BaseModelDirectory) == Path.GetFullPath(request.OutputDirectory))
        {
            throw new TrainingDataException("the fine-tuned model must go to another folder than the base model");
        }

        var clock = Stopwatch.StartNew();
        using var network = await PointerWeights.LoadAsync(request.BaseModelDirectory, cancellationToken).ConfigureAwait(false);
        if (network.Config.KeywordCount != SqlKeywords.Count)
        {
            throw new ModelFormatException($"{request.BaseModelDirectory}: trained for {network.Config.KeywordCount} keywords, this build has {SqlKeywords.Count}");
        }

        using var encoder = await PretrainedEncoders.LoadAsync(network.Config.Encoder, cancellationToken).ConfigureAwait(false);
        var tokenizer = await PointerSqlModel.LoadTokenizerAsync(network.Config.Encoder, cancellationToken).ConfigureAwait(false);
        var extractor = new PointerFeatureExtractor(encoder, tokenizer, new FeatureCache(encoder.Config.HiddenSize));
        using (no_grad())
        {
            extractor.Precompute(request.Examples, null, cancellationToken);
        }

        var offGrammar = 0;
        var inputs = request.Examples.Select(e => PointerInputBuilder.Build(e, extractor.Features(e), SqlKeywords.Count, SqlActionGrammar.Instance, ref offGrammar)).ToList();
        Directory.CreateDirectory(request.OutputDirectory);
        // The trainer's epoch checkpoints (with optimiser moments) are scaffolding: only the final weights are kept.
        var checkpoints = Path.Combine(request.OutputDirectory, ".checkpoints-" + Guid.NewGuid().ToString("N"));
        try
        {
            var history = new PointerTrainer(network, request.Training).Run(inputs, validate: null, checkpoints, resume: false, progress, cancellationToken);
            network.eval();
            PointerWeights.Save(network, request.OutputDirectory);
            return new PointerFineTuneResult(history, network.parameters().Sum(p => p.numel()), clock.Elapsed.TotalSeconds);
        }
        finally
        {
            if (Directory.Exists(checkpoints))
            {
                Directory.Delete(checkpoints, recursive: true);
            }
        }
    }
}
