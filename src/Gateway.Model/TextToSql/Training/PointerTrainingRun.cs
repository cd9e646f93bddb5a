using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Gateway.Evaluation.Spider.Data;
using Gateway.Evaluation.Spider.Running;
using Gateway.Model.Encoders;
using Gateway.Model.TextToSql.Features;
using Gateway.Model.TextToSql.Network;
using static TorchSharp.torch;

namespace Gateway.Model.TextToSql.Training;

/// <summary>What <see cref="PointerTrainingRun"/> trains on, how, and where it writes.</summary>
public sealed record PointerTrainingRequest
{
    public required string SpiderDirectory { get; init; }

    public required string OutputDirectory { get; init; }

    /// <summary>Where the frozen encoder's features are cached between runs.</summary>
    public required string CacheDirectory { get; init; }

    public PointerNetworkConfig Network { get; init; } = new() { KeywordCount = SqlKeywords.Count };

    public PointerTrainingOptions Training { get; init; } = new();

    /// <summary>Share of train_spider.json's questions held out, whole databases at a time, for checkpoint choice.</summary>
    public double HoldoutShare { get; init; } = 0.05;

    /// <summary>Also train on train_others.json.</summary>
    public bool IncludeOthers { get; init; }

    /// <summary>Spider-layout folders of extra training rows (<c>gateway synth</c>'s output): <c>tables.json</c>, <c>train.json</c>, <c>database/</c>.</summary>
    public IReadOnlyList<string> ExtraDirectories { get; init; } = [];

    /// <summary>
    /// The largest share of the training examples the extra rows may make up; when they have more, a seeded sample is
    /// taken, so synthetic rows never swamp Spider's. Default 0.3.
    /// </summary>
    public double ExtraShare { get; init; } = 0.3;

    /// <summary>Use only the first N training questions (a quick run to measure speed).</summary>
    public int? Limit { get; init; }

    /// <summary>Held-out questions decoded per validation (all when null).</summary>
    public int? ValidationLimit { get; init; }

    public int ValidationBeam { get; init; } = 1;

    public bool Resume { get; init; }

    /// <summary>
    /// After the last epoch, also score the mean of the last N epochs' weights on the held-out questions and ship it
    /// when it beats the best single epoch (0 or 1: off).
    /// </summary>
    public int AverageLast { get; init; }

    /// <summary>Build the examples and cache their features, then stop (no training).</summary>
    public bool PrepareOnly { get; init; }
}

/// <summary>The record of a training run, written to <c>training.json</c> beside the weights.</summary>
public sealed record PointerTrainingRecord(
    [property: JsonPropertyName("version")] string? Version,
    [property: JsonPropertyName("data")] IReadOnlyDictionary<string, object> Data,
    [property: JsonPropertyName("network")] PointerNetworkConfig Network,
    [property: JsonPropertyName("training")] PointerTrainingOptions Training,
    [property: JsonPropertyName("epochs")] IReadOnlyList<EpochRecord> Epochs,
    [property: JsonPropertyName("best_epoch")] int BestEpoch,
    [property: JsonPropertyName("held_out_execution_accuracy")] double? HeldOutExecutionAccuracy,
    [property: JsonPropertyName("averaged")] AveragedRecord? Averaged,
    [property: JsonPropertyName("wall_seconds")] double WallSeconds,
    [property: JsonPropertyName("epoch_seconds")] double EpochSeconds,
    [property: JsonPropertyName("threads")] int Threads);

/// <summary>The mean of several epochs' weights, its held-out score, and whether it was shipped.</summary>
public sealed record AveragedRecord(
    [property: JsonPropertyName("epochs")] IReadOnlyList<int> Epochs,
    [property: JsonPropertyName("held_out")] double HeldOut,
    [property: JsonPropertyName("shipped")] bool Shipped);

/// <summary>
/// <c>gateway train pointer</c>: Spider training questions -> examples (the SQL side's builder) -> cached frozen
/// encoder features -> epochs of the pointer network with checkpoints -> held-out execution accuracy per epoch -> the
/// best epoch's weights, <c>config.json</c> and <c>training.json</c> in the output folder.
/// </summary>
public static class PointerTrainingRun
{
    public const string RecordFile = "training.json";
    public const string CheckpointFolder = "checkpoints";
    public const string AverageFolder = "average";

    /// <returns>the record, or null with <see cref="PointerTrainingRequest.PrepareOnly"/></returns>
    public static async Task<PointerTrainingRecord?> RunAsync(
        PointerTrainingRequest request, TextWriter log, IProgress<PointerTrainingProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(log);
        var clock = Stopwatch.StartNew();
        var spider = request.SpiderDirectory;
        var schemas = await SpiderSchemaReader.ReadFileAsync(Path.Combine(spider, "tables.json"), cancellationToken).ConfigureAwait(false);
        var questions = (await SpiderQuestionReader.ReadFileAsync(Path.Combine(spider, "train_spider.json"), cancellationToken).ConfigureAwait(false)).ToList();
        var dataset = new SpiderDataset(spider, SpiderSplit.Train, questions, schemas);
        var (trainQuestions, heldOutQuestions) = Split(dataset, request.HoldoutShare, request.Training.Seed);
        if (request.IncludeOthers)
        {
            var others = await SpiderQuestionReader.ReadFileAsync(Path.Combine(spider, "train_others.json"), cancellationToken).ConfigureAwait(false);
            trainQuestions.AddRange(others);
        }

        if (request.Limit is { } limit)
        {
            trainQuestions = trainQuestions.Take(limit).ToList();
            heldOutQuestions = heldOutQuestions.Take(Math.Max(1, limit / 10)).ToList();
        }

        await log.WriteLineAsync($"data: {trainQuestions.Count} training questions, {heldOutQuestions.Count} held out over {heldOutQuestions.Select(q => q.DbId).Distinct().Count()} databases").ConfigureAwait(false);

        var builder = new PointerExampleBuilder();
        var (train, failures) = await BuildAsync(builder, dataset, trainQuestions, cancellationToken).ConfigureAwait(false);
        await log.WriteLineAsync($"examples: {train.Count} with targets; {failures.Values.Sum()} without ({string.Join(", ", failures.OrderByDescending(f => f.Value).Select(f => $"{f.Key} {f.Value}"))}) [{clock.Elapsed:mm\\:ss}]").ConfigureAwait(false);
        var extra = await ExtraTrainingData.BuildAsync(builder, request.ExtraDirectories, spider, train.Count, request.ExtraShare, request.Training.Seed, cancellationToken).ConfigureAwait(false);
        foreach (var folder in extra.Folders)
        {
            await log.WriteLineAsync($"extra: {folder.Directory}: {folder.Rows} rows, {folder.Examples} with targets, {folder.Used} used").ConfigureAwait(false);
        }

        train.AddRange(extra.Examples);

        using var encoder = await PretrainedEncoders.LoadAsync(request.Network.Encoder, cancellationToken).ConfigureAwait(false);
        var tokenizer = await PointerSqlModel.LoadTokenizerAsync(request.Network.Encoder, cancellationToken).ConfigureAwait(false);
        var cachePath = Path.Combine(request.CacheDirectory, $"features-{request.Network.Encoder}.bin");
        var cache = await FeatureCache.LoadAsync(cachePath, encoder.Config.HiddenSize, cancellationToken).ConfigureAwait(false);
        var extractor = new PointerFeatureExtractor(encoder, tokenizer, cache, features: request.Network.Features);
        var networkConfig = request.Network with { FeatureDim = extractor.Dim };
        var heldOutExamples = new List<PointerExample>();
        foreach (var question in heldOutQuestions)
        {
            var built = await builder.BuildAsync(schemas[question.DbId], dataset.DatabasePath(question.DbId), question.Question, null, cancellationToken).ConfigureAwait(false);
            heldOutExamples.Add(built.Example);
        }

        var before = cache.PhraseCount + cache.QuestionCount + cache.JointCount;
        var featureClock = Stopwatch.StartNew();
        List<PointerExample> all = [.. train, .. heldOutExamples];
        // In slices, saving after each, so an interrupted extraction keeps what it computed.
        foreach (var slice in all.Chunk(1000))
        {
            var known = cache.PhraseCount + cache.QuestionCount + cache.JointCount;
            using (no_grad())
            {
                extractor.Precompute(slice, null, cancellationToken);
            }

            if (cache.PhraseCount + cache.QuestionCount + cache.JointCount > known)
            {
                await cache.SaveAsync(cachePath, cancellationToken).ConfigureAwait(false);
                await log.WriteLineAsync($"features: {cache.PhraseCount} phrases, {cache.QuestionCount} questions, {cache.JointCount} joint [{featureClock.Elapsed:mm\\:ss}]").ConfigureAwait(false);
            }
        }

        await log.WriteLineAsync($"features: {cache.PhraseCount} phrases, {cache.QuestionCount} questions, {cache.JointCount} joint cached in {cachePath} ({featureClock.Elapsed.TotalSeconds:0} s for {cache.PhraseCount + cache.QuestionCount + cache.JointCount - before} new)").ConfigureAwait(false);
        if (request.PrepareOnly)
        {
            return null;
        }

        var offGrammar = 0;
        var inputs = train.Select(e => PointerInputBuilder.Build(e, extractor.Features(e), SqlKeywords.Count, SqlActionGrammar.Instance, ref offGrammar)).ToList();
        if (offGrammar > 0)
        {
            await log.WriteLineAsync($"warning: {offGrammar} target steps were outside the grammar's mask (trained unmasked)").ConfigureAwait(false);
        }

        using var network = new PointerNetwork(networkConfig, request.Training.Seed);
        await log.WriteLineAsync($"network: {network.parameters().Sum(p => p.numel()):N0} parameters; {inputs.Count} examples, {request.Training.Epochs} epochs of {(inputs.Count + request.Training.BatchSize - 1) / request.Training.BatchSize} steps").ConfigureAwait(false);

        var validationQuestions = request.ValidationLimit is { } v ? heldOutQuestions.Take(v).ToList() : heldOutQuestions;
        var heldOutDataset = new SpiderDataset(spider, SpiderSplit.Train, validationQuestions, schemas);
        double Validate(int epoch) => Score($"epoch {epoch}");
        double Score(string label)
        {
            using var model = new PointerSqlModel(network, extractor, ownedEncoder: null, ownsNetwork: false) { BeamSize = request.ValidationBeam };
            var predictor = new PointerSqlPredictor(model, heldOutDataset, builder);
            var evaluator = new SpiderEvaluator(heldOutDataset, predictor, TimeSpan.FromSeconds(10));
            var (correct, total) = Task.Run(async () =>
            {
                var (c, n) = (0, 0);
                await foreach (var outcome in evaluator.EvaluateAsync(validationQuestions, cancellationToken).ConfigureAwait(false))
                {
                    c += outcome.Correct == true ? 1 : 0;
                    n += outcome.Correct is null ? 0 : 1;
                }

                return (c, n);
            }, cancellationToken).GetAwaiter().GetResult();
            var accuracy = total == 0 ? 0 : (double)correct / total;
            log.WriteLine($"{label}: held-out execution accuracy {accuracy:P1} ({correct}/{total})");
            return accuracy;
        }

        var checkpoints = Path.Combine(request.OutputDirectory, CheckpointFolder);
        var trainer = new PointerTrainer(network, request.Training);
        var history = trainer.Run(inputs, validationQuestions.Count > 0 ? Validate : null, checkpoints, request.Resume, progress, cancellationToken);

        // The shipped weights: the best held-out epoch, or the last one when nothing was validated.
        var best = Path.Combine(checkpoints, PointerTrainer.BestFolder);
        var source = Directory.Exists(best) && history.Any(h => h.HeldOut is not null) ? best : PointerTrainer.FindLatest(checkpoints)!;
        var bestRecord = history.Where(h => h.HeldOut is not null).OrderByDescending(h => h.HeldOut).ThenBy(h => h.Epoch).FirstOrDefault() ?? history[^1];
        AveragedRecord? averaged = null;
        if (request.AverageLast > 1 && validationQuestions.Count > 0 && history.Count >= request.AverageLast)
        {
            var epochs = history.Select(h => h.Epoch).TakeLast(request.AverageLast).ToList();
            CheckpointAverage.LoadInto(network, epochs.Select(e => PointerTrainer.EpochFolder(checkpoints, e)).ToList());
            var score = Score($"mean of epochs {epochs[0]}-{epochs[^1]}");
            var shipped = score > bestRecord.HeldOut.GetValueOrDefault(double.MinValue);
            await log.WriteLineAsync(shipped ? "the mean ships" : $"the mean is not better than epoch {bestRecord.Epoch}; epoch {bestRecord.Epoch} ships").ConfigureAwait(false);
            if (shipped)
            {
                source = Path.Combine(checkpoints, AverageFolder);
                PointerWeights.Save(network, source);
            }

            averaged = new AveragedRecord(epochs, score, shipped);
        }

        foreach (var file in new[] { PointerWeights.WeightsFile, PointerWeights.ConfigFile })
        {
            File.Copy(Path.Combine(source, file), Path.Combine(request.OutputDirectory, file), overwrite: true);
        }

        var record = new PointerTrainingRecord(
            request.Network.Version,
            new Dictionary<string, object>
            {
                ["source"] = "Spider train_spider.json" + (request.IncludeOthers ? " + train_others.json" : "") + " (CC BY-SA 4.0, Yu et al. 2018)"
                    + (extra.Folders.Count > 0 ? " + synthesized rows (gateway synth)" : ""),
                ["extra"] = extra.Folders,
                ["extra_share"] = request.ExtraShare,
                ["training_questions"] = trainQuestions.Count,
                ["training_examples"] = inputs.Count,
                ["without_target"] = failures,
                ["held_out_questions"] = validationQuestions.Count,
                ["held_out_databases"] = validationQuestions.Select(q => q.DbId).Distinct().Order(StringComparer.Ordinal).ToList(),
            },
            networkConfig,
            request.Training,
            history,
            bestRecord.Epoch,
            bestRecord.HeldOut,
            averaged,
            clock.Elapsed.TotalSeconds,
            history.Sum(h => h.Seconds),
            get_num_threads());
        await File.WriteAllTextAsync(Path.Combine(request.OutputDirectory, RecordFile), JsonSerializer.Serialize(record, RecordJson), cancellationToken).ConfigureAwait(false);
        return record;
    }

    /// <summary>Whole databases (with a SQLite file) are held out, in a seeded order, until their questions reach the share.</summary>
    private static (List<SpiderQuestion> Train, List<SpiderQuestion> HeldOut) Split(SpiderDataset dataset, double share, long seed)
    {
        var databases = dataset.Questions.Select(q => q.DbId).Distinct().Where(dataset.HasDatabase).Order(StringComparer.Ordinal).ToArray();
        new Random(unchecked((int)seed)).Shuffle(databases);
        var target = (int)Math.Round(dataset.Questions.Count * share);
        var heldOut = new HashSet<string>(StringComparer.Ordinal);
        var count = 0;
        foreach (var db in databases)
        {
            if (count >= target)
            {
                break;
            }

            heldOut.Add(db);
            count += dataset.Questions.Count(q => q.DbId == db);
        }

        return (dataset.Questions.Where(q => !heldOut.Contains(q.DbId)).ToList(), dataset.Questions.Where(q => heldOut.Contains(q.DbId)).ToList());
    }

    private static async Task<(List<PointerExample> Examples, Dictionary<string, int> Failures)> BuildAsync(
        PointerExampleBuilder builder, SpiderDataset dataset, IReadOnlyList<SpiderQuestion> questions, CancellationToken cancellationToken)
    {
        var examples = new List<PointerExample>();
        var failures = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var question in questions)
        {
            if (!dataset.Schemas.TryGetValue(question.DbId, out var schema))
            {
                throw new SpiderDataException($"tables.json has no schema for database '{question.DbId}'.");
            }

            var path = dataset.HasDatabase(question.DbId) ? dataset.DatabasePath(question.DbId) : null;
            var built = await builder.BuildAsync(schema, path, question.Question, question.GoldSql, cancellationToken).ConfigureAwait(false);
            if (built.Example.Target is null)
            {
                var kind = built.TargetFailure?.Kind ?? "unknown";
                failures[kind] = failures.GetValueOrDefault(kind) + 1;
                continue;
            }

            examples.Add(built.Example);
        }

        return (examples, failures);
    }

    private static readonly JsonSerializerOptions RecordJson = new() { WriteIndented = true };
}
