using System.CommandLine;
using System.Globalization;
using Gateway.Cli;
using Gateway.Commands.Eval;
using Gateway.Commands.Model;
using Gateway.Evaluation.Spider.Data;
using Gateway.Model;
using Gateway.Model.TextToSql;
using Gateway.Model.TextToSql.Network;
using Gateway.Model.TextToSql.Training;
using Gateway.Model.Training;

namespace Gateway.Commands.Train;

/// <summary>
/// <c>gateway train pointer</c>: trains the default text-to-SQL model (frozen MiniLM features, pointer network) on
/// Spider's training split, resumable, and writes weights, <c>config.json</c> and <c>training.json</c> to <c>--out</c>.
/// </summary>
internal sealed class TrainPointerCommand : IGatewayCommand
{
    private readonly Option<DirectoryInfo?> _spider = new("--spider") { Description = "The Spider folder (default: ../shared/spider beside the repository root)." };
    private readonly Option<DirectoryInfo> _out = new("--out") { Description = "Output folder: weights.safetensors, config.json, training.json, checkpoints/.", Required = true };
    private readonly Option<DirectoryInfo?> _cache = new("--cache") { Description = "Where encoder features are cached (default: <out>/cache)." };
    private readonly Option<int> _epochs = new("--epochs") { Description = "Passes over the training examples.", DefaultValueFactory = _ => 12 };
    private readonly Option<int> _batch = new("--batch") { Description = "Examples per optimiser step.", DefaultValueFactory = _ => 32 };
    private readonly Option<double> _lr = new("--lr") { Description = "Peak learning rate (AdamW, warm-up then cosine).", DefaultValueFactory = _ => 5e-4 };
    private readonly Option<int> _dim = new("--dim") { Description = "Width of the linking encoder and decoder.", DefaultValueFactory = _ => 256 };
    private readonly Option<int> _layers = new("--layers") { Description = "Linking encoder layers.", DefaultValueFactory = _ => 2 };
    private readonly Option<int> _decoderLayers = new("--decoder-layers") { Description = "Decoder layers.", DefaultValueFactory = _ => 2 };
    private readonly Option<int> _heads = new("--heads") { Description = "Attention heads.", DefaultValueFactory = _ => 8 };
    private readonly Option<double> _dropout = new("--dropout") { Description = "Dropout while training.", DefaultValueFactory = _ => 0.1 };
    private readonly Option<double> _holdout = new("--holdout") { Description = "Share of train_spider.json held out (whole databases) to choose the best epoch.", DefaultValueFactory = _ => 0.05 };
    private readonly Option<int?> _validateLimit = new("--validate-limit") { Description = "Held-out questions decoded after each epoch (default: all)." };
    private readonly Option<bool> _others = new("--include-others") { Description = "Also train on train_others.json." };
    private readonly Option<DirectoryInfo[]> _extra = new("--extra") { Description = "A Spider-layout folder of extra training rows (gateway synth's output). Repeatable." };
    private readonly Option<double> _extraShare = new("--extra-share") { Description = "The largest share of the training examples extra rows may make up (a seeded sample beyond it).", DefaultValueFactory = _ => 0.3 };
    private readonly Option<string?> _version = new("--model-version") { Description = "The version written to config.json and training.json (default: pointer-v2-<yyyyMMdd>)." };
    private readonly Option<int?> _limit = new("--limit") { Description = "Train on the first N questions only (to measure speed)." };
    private readonly Option<bool> _prepareOnly = new("--prepare-only") { Description = "Build the examples and cache the encoder features, then stop." };
    private readonly Option<string> _features = new("--features") { Description = "Encoder features: phrase (question and names encoded apart) or joint (also the question and schema read as one pair).", DefaultValueFactory = _ => FeatureModes.Phrase };
    private readonly Option<int> _averageLast = new("--average-last") { Description = "After training, score the mean of the last N epochs' weights on the held-out questions and ship it when it beats the best epoch (0: off).", DefaultValueFactory = _ => 0 };
    private readonly Option<bool> _resume = new("--resume") { Description = "Continue from the latest epoch checkpoint in --out." };
    private readonly Option<long> _seed = new("--seed") { Description = "Seed of the split, the initial weights, the data order and dropout.", DefaultValueFactory = _ => 42 };
    private readonly ThreadsOption _threads = new();
    private readonly DeviceOption _device = new();

    public Command Build(GlobalOptions globals)
    {
        var command = new Command("pointer", "Train the default text-to-SQL model (pointer network over frozen MiniLM features) on Spider's training split.")
        {
            _spider, _out, _cache, _epochs, _batch, _lr, _dim, _layers, _decoderLayers, _heads, _dropout, _holdout, _validateLimit, _others, _extra, _extraShare, _version, _limit,
            _prepareOnly, _resume, _features, _averageLast, _seed, _threads.Option, _device.Option,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, cancellationToken));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var error = parse.InvocationConfiguration.Error;
        var output = parse.InvocationConfiguration.Output;
        if (!_threads.Apply(parse))
        {
            await error.WriteLineAsync("error: --threads must be positive.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (_device.ResolveCpuOnly(parse, "the pointer model", out var deviceExit) is null)
        {
            return deviceExit;
        }

        if (parse.GetValue(_epochs) < 1 || parse.GetValue(_batch) < 1 || parse.GetValue(_lr) <= 0 || parse.GetValue(_holdout) is < 0 or >= 1
            || parse.GetValue(_limit) is < 1 || parse.GetValue(_validateLimit) is < 0 || parse.GetValue(_extraShare) is < 0 or >= 1 || parse.GetValue(_averageLast) < 0)
        {
            await error.WriteLineAsync("error: --epochs, --batch, --lr and --limit must be positive, --holdout and --extra-share in [0, 1), --average-last not negative.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var spider = parse.GetValue(_spider)?.FullName ?? RepositoryPaths.DefaultSpiderDirectory();
        if (spider is null)
        {
            await error.WriteLineAsync("error: no Spider folder found beside the repository; give --spider DIR.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var extra = parse.GetValue(_extra) ?? [];
        if (extra.FirstOrDefault(d => !File.Exists(Path.Combine(d.FullName, ExtraTrainingData.TrainFile)) || !File.Exists(Path.Combine(d.FullName, ExtraTrainingData.TablesFile))) is { } missing)
        {
            await error.WriteLineAsync($"error: --extra {missing.FullName}: expected {ExtraTrainingData.TrainFile} and {ExtraTrainingData.TablesFile} there (gateway synth writes them).").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var outDir = parse.GetValue(_out)!.FullName;
        Directory.CreateDirectory(outDir);
        var request = new PointerTrainingRequest
        {
            SpiderDirectory = spider,
            OutputDirectory = outDir,
            CacheDirectory = parse.GetValue(_cache)?.FullName ?? Path.Combine(outDir, "cache"),
            Network = new PointerNetworkConfig
            {
                Dim = parse.GetValue(_dim),
                Heads = parse.GetValue(_heads),
                EncoderLayers = parse.GetValue(_layers),
                DecoderLayers = parse.GetValue(_decoderLayers),
                FeedForward = 2 * parse.GetValue(_dim),
                Dropout = parse.GetValue(_dropout),
                KeywordCount = SqlKeywords.Count,
                Version = parse.GetValue(_version) ?? $"pointer-v2-{TimeProvider.System.GetUtcNow():yyyyMMdd}",
                Features = parse.GetValue(_features)!,
            },
            Training = new PointerTrainingOptions
            {
                Epochs = parse.GetValue(_epochs),
                BatchSize = parse.GetValue(_batch),
                LearningRate = parse.GetValue(_lr),
                Seed = parse.GetValue(_seed),
            },
            HoldoutShare = parse.GetValue(_holdout),
            ValidationLimit = parse.GetValue(_validateLimit),
            IncludeOthers = parse.GetValue(_others),
            ExtraDirectories = extra.Select(d => d.FullName).ToList(),
            ExtraShare = parse.GetValue(_extraShare),
            Limit = parse.GetValue(_limit),
            Resume = parse.GetValue(_resume),
            AverageLast = parse.GetValue(_averageLast),
            PrepareOnly = parse.GetValue(_prepareOnly),
        };

        try
        {
            request.Network.Validate();
            var progress = new PointerProgressLine(error, TimeProvider.System);
            var record = await PointerTrainingRun.RunAsync(request, error, progress, cancellationToken).ConfigureAwait(false);
            if (record is null)
            {
                await output.WriteLineAsync($"examples built and features cached in {request.CacheDirectory}").ConfigureAwait(false);
                return ExitCodes.Success;
            }

            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"trained {record.Epochs.Count} epochs ({record.EpochSeconds / 60:0.0} min of epochs; this run {record.WallSeconds / 60:0.0} min); best epoch {record.BestEpoch}, held-out execution accuracy {record.HeldOutExecutionAccuracy:P1}; wrote {outDir}")).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is SpiderDataException or ModelFormatException or TrainingDataException)
        {
            await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (IOException e)
        {
            await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Runtime;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("error: cancelled; rerun with --resume to continue from the last finished epoch.").ConfigureAwait(false);
            return ExitCodes.Runtime;
        }
    }
}

/// <summary>One progress line about every ten seconds: epoch, step, loss, examples/s and the ETA.</summary>
internal sealed class PointerProgressLine(TextWriter error, TimeProvider time) : IProgress<PointerTrainingProgress>
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private long _last = time.GetTimestamp();

    public void Report(PointerTrainingProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var now = time.GetTimestamp();
        if (value.Step != value.TotalSteps && time.GetElapsedTime(_last, now) < Interval)
        {
            return;
        }

        _last = now;
        error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"epoch {value.Epoch}/{value.Epochs}  step {value.Step}/{value.TotalSteps}  loss {value.Loss:0.0000}  {value.ExamplesPerSecond:0.0} ex/s  elapsed {value.Elapsed:hh\\:mm\\:ss}  eta {value.Remaining:hh\\:mm\\:ss}"));
    }
}
