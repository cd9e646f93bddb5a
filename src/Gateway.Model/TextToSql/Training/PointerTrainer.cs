using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Gateway.Model.Safetensors;
using Gateway.Model.TextToSql.Network;
using Gateway.Model.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Gateway.Model.TextToSql.Training;

/// <summary>
/// Teacher-forced training of a <see cref="PointerNetwork"/>, one checkpoint per epoch under
/// <c>&lt;dir&gt;/epoch-NNN/</c> (weights, optimiser moments, torch's generator, history; written to a temporary
/// folder and renamed) and the best held-out epoch's weights in <c>&lt;dir&gt;/best/</c>. The batch order is a pure
/// function of the seed and the epoch, so a resumed run continues exactly where the interrupted one stood.
/// </summary>
internal sealed class PointerTrainer(PointerNetwork network, PointerTrainingOptions options)
{
    public const string BestFolder = "best";
    private const string Prefix = "epoch-";
    private const string StateFile = "trainer_state.json";
    private const string OptimizerFile = "optimizer.bin";

    private sealed record State(int Epoch, long Seed, string RngState, List<EpochRecord> History, int BestEpoch);

    /// <param name="validate">held-out score of the network after an epoch (higher is better), or null</param>
    public IReadOnlyList<EpochRecord> Run(
        IReadOnlyList<PointerInput> train, Func<int, double>? validate, string checkpointDirectory, bool resume,
        IProgress<PointerTrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (train.Count == 0)
        {
            throw new TrainingDataException("no training examples");
        }

        Directory.CreateDirectory(checkpointDirectory);
        var batchesPerEpoch = (train.Count + options.BatchSize - 1) / options.BatchSize;
        var total = batchesPerEpoch * options.Epochs;
        var schedule = new LearningRateSchedule(options.LearningRate, Math.Max(1, (int)(total * options.WarmupFraction)), total);
        var parameters = network.parameters().ToList();
        using var optimizer = optim.AdamW(parameters, options.LearningRate, weight_decay: options.WeightDecay);
        var history = new List<EpochRecord>();
        var bestEpoch = -1;
        var startEpoch = 0;
        var latest = resume ? FindLatest(checkpointDirectory) : null;
        if (latest is not null)
        {
            var state = Restore(latest, optimizer);
            (startEpoch, history, bestEpoch) = (state.Epoch, state.History, state.BestEpoch);
        }
        else
        {
            random.manual_seed(options.Seed);
        }

        var clock = Stopwatch.StartNew();
        var trainedSeconds = 0.0;
        var examplesSeen = 0L;
        for (var epoch = startEpoch; epoch < options.Epochs; epoch++)
        {
            var epochClock = Stopwatch.StartNew();
            var batches = Batches(train, epoch);
            double lossSum = 0;
            for (var b = 0; b < batches.Count; b++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var step = (epoch * batchesPerEpoch) + b;
                var loss = Step(optimizer, parameters, batches[b], schedule.RateAt(step));
                lossSum += loss;
                examplesSeen += batches[b].Count;
                var seconds = trainedSeconds + epochClock.Elapsed.TotalSeconds;
                var rate = examplesSeen / Math.Max(1e-9, seconds);
                var remainingExamples = ((long)(options.Epochs - epoch - 1) * train.Count) + batches.Skip(b + 1).Sum(x => x.Count);
                progress?.Report(new PointerTrainingProgress(
                    epoch + 1, options.Epochs, step + 1, total, loss, rate, clock.Elapsed, TimeSpan.FromSeconds(remainingExamples / Math.Max(1e-9, rate))));
            }

            trainedSeconds += epochClock.Elapsed.TotalSeconds;
            var heldOut = validate?.Invoke(epoch + 1);
            history.Add(new EpochRecord(epoch + 1, lossSum / batches.Count, heldOut, epochClock.Elapsed.TotalSeconds));
            if (heldOut is { } score && (bestEpoch < 0 || score > history[bestEpoch - 1].HeldOut.GetValueOrDefault(double.MinValue)))
            {
                bestEpoch = epoch + 1;
                SaveAtomically(Path.Combine(checkpointDirectory, BestFolder), dir => PointerWeights.Save(network, dir));
            }

            Save(checkpointDirectory, optimizer, new State(epoch + 1, options.Seed, RngState(), history, bestEpoch));
        }

        return history;
    }

    /// <summary>Where epoch <paramref name="epoch"/>'s checkpoint is kept.</summary>
    public static string EpochFolder(string checkpointDirectory, int epoch) =>
        Path.Combine(checkpointDirectory, Prefix + epoch.ToString("D3", CultureInfo.InvariantCulture));

    /// <summary>The epoch checkpoint with the highest epoch, or null.</summary>
    public static string? FindLatest(string checkpointDirectory) =>
        !Directory.Exists(checkpointDirectory) ? null
        : Directory.GetDirectories(checkpointDirectory, Prefix + "*")
            .Where(d => File.Exists(Path.Combine(d, StateFile)))
            .OrderByDescending(d => Path.GetFileName(d), StringComparer.Ordinal)
            .FirstOrDefault();

    private double Step(AdamW optimizer, List<Parameter> parameters, List<PointerInput> examples, double rate)
    {
        network.train();
        foreach (var group in optimizer.ParamGroups)
        {
            group.LearningRate = rate;
        }

        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        using var batch = PointerBatch.Create(examples);
        var loss = network.Loss(batch);
        loss.backward();
        if (options.MaxGradientNorm > 0)
        {
            nn.utils.clip_grad_norm_(parameters, options.MaxGradientNorm);
        }

        optimizer.step();
        return loss.item<float>();
    }

    /// <summary>
    /// The epoch's batches: a seeded shuffle, then examples of similar size grouped (within windows of 16 batches) so
    /// padding stays small, then the batches themselves shuffled.
    /// </summary>
    private List<List<PointerInput>> Batches(IReadOnlyList<PointerInput> train, int epoch)
    {
        var random = new Random(unchecked((int)((options.Seed * 1_000_003) + epoch)));
        var order = Enumerable.Range(0, train.Count).ToArray();
        random.Shuffle(order);
        var batches = new List<List<PointerInput>>();
        foreach (var window in order.Chunk(options.BatchSize * 16))
        {
            var sorted = window.OrderBy(i => train[i].Items).ThenBy(i => i).Select(i => train[i]).ToList();
            batches.AddRange(sorted.Chunk(options.BatchSize).Select(c => c.ToList()));
        }

        var shuffled = batches.ToArray();
        random.Shuffle(shuffled);
        return [.. shuffled];
    }

    private void Save(string checkpointDirectory, AdamW optimizer, State state) =>
        SaveAtomically(EpochFolder(checkpointDirectory, state.Epoch), dir =>
        {
            PointerWeights.Save(network, dir);
            optimizer.save_state_dict(Path.Combine(dir, OptimizerFile));
            File.WriteAllText(Path.Combine(dir, StateFile), JsonSerializer.Serialize(state));
        });

    private State Restore(string checkpoint, AdamW optimizer)
    {
        var state = JsonSerializer.Deserialize<State>(File.ReadAllText(Path.Combine(checkpoint, StateFile)))
            ?? throw new ModelFormatException($"{checkpoint}: empty {StateFile}");
        if (state.Seed != options.Seed)
        {
            throw new TrainingDataException($"{checkpoint} was trained with seed {state.Seed}, not {options.Seed}; resume with the same seed");
        }

        PointerWeights.Copy(network, new TensorSet(SafetensorsFile.Read(Path.Combine(checkpoint, PointerWeights.WeightsFile)), checkpoint));
        optimizer.load_state_dict(Path.Combine(checkpoint, OptimizerFile));
        using var rng = tensor(Convert.FromBase64String(state.RngState), dtype: ScalarType.Byte);
        random.set_rng_state(rng);
        return state;
    }

    private static string RngState()
    {
        using var rng = random.get_rng_state();
        return Convert.ToBase64String(rng.data<byte>().ToArray());
    }

    private static void SaveAtomically(string final, Action<string> write)
    {
        var parent = Path.GetDirectoryName(final)!;
        var temporary = Path.Combine(parent, ".tmp-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(temporary);
        write(temporary);
        if (Directory.Exists(final))
        {
            Directory.Delete(final, recursive: true);
        }

        Directory.Move(temporary, final);
    }
}
