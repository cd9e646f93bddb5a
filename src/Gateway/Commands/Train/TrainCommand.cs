using System.CommandLine;
using System.Globalization;
using Gateway.Cli;
using Gateway.Commands.Model;
using Gateway.Evaluation.Spider.Data;
using Gateway.Model;
using Gateway.Model.Lora;
using Gateway.Model.Prompting;
using Gateway.Model.Tokenization;
using Gateway.Model.Training;

namespace Gateway.Commands.Train;

/// <summary>
/// <c>gateway train</c>: fine-tunes a local model on Spider-format rows (LoRA by default, <c>--full</c> for all
/// weights), with checkpoints, <c>--resume</c> and held-out evaluation in <c>&lt;out&gt;/eval.jsonl</c>. The result is
/// written to <c>--out</c>: a PEFT adapter, or with <c>--full</c> a whole model folder. With
/// <c>--from-knowledge SOURCE</c> it instead builds the shipped pointer model's adapter for one source from the
/// source's question-SQL pairs (<see cref="KnowledgeAdapterTraining"/>).
/// </summary>
internal sealed class TrainCommand : IGatewayCommand
{
    private readonly KnowledgeAdapterTraining _knowledge = new();
    private readonly Option<DirectoryInfo?> _model = new("--model") { Description = "The base model folder (required, except with --from-knowledge: default the shipped model)." };
    private readonly Option<FileInfo?> _data = new("--data") { Description = "Training rows {question, query, db_id}: JSON array or JSON lines (required, except with --from-knowledge)." };
    private readonly Option<FileInfo?> _tables = new("--tables") { Description = "Spider tables.json: each row's schema goes into its prompt as CREATE TABLE DDL." };
    private readonly Option<DirectoryInfo?> _out = new("--out") { Description = "Output folder: adapter or model, checkpoints/, eval.jsonl (required, except with --from-knowledge: default <data-dir>/adapters/pointer/<source>)." };
    private readonly Option<FileInfo?> _template = new("--prompt-template") { Description = $"Prompt template (default: {ModelFiles.TemplateRelativePath})." };
    private readonly Option<string> _dialect = new("--dialect") { Description = "The {dialect} of the prompt.", DefaultValueFactory = _ => "SQLite" };
    private readonly Option<int> _rank = new("--lora-rank") { Description = "LoRA rank.", DefaultValueFactory = _ => 8 };
    private readonly Option<double> _alpha = new("--lora-alpha") { Description = "LoRA alpha (scaling alpha / rank).", DefaultValueFactory = _ => 16 };
    private readonly Option<double> _loraDropout = new("--lora-dropout") { Description = "Dropout on the adapter input while training.", DefaultValueFactory = _ => 0 };
    private readonly Option<string> _targets = new("--targets") { Description = "Projections with an adapter: q,k,v,o,gate,up,down.", DefaultValueFactory = _ => "q,k,v,o" };
    private readonly Option<bool> _full = new("--full") { Description = "Train every weight instead of a LoRA adapter." };
    private readonly Option<int> _epochs = new("--epochs") { Description = "Passes over the training rows.", DefaultValueFactory = _ => 1 };
    private readonly Option<int?> _maxSteps = new("--max-steps") { Description = "Stop after this many optimiser steps (the schedule spans them)." };
    private readonly Option<double> _lr = new("--lr") { Description = "Peak learning rate.", DefaultValueFactory = _ => 2e-4 };
    private readonly Option<double> _weightDecay = new("--weight-decay") { Description = "AdamW weight decay.", DefaultValueFactory = _ => 0 };
    private readonly Option<int> _batch = new("--batch") { Description = "Rows per forward pass.", DefaultValueFactory = _ => 4 };
    private readonly Option<int> _accum = new("--grad-accum") { Description = "Forward passes per optimiser step.", DefaultValueFactory = _ => 1 };
    private readonly Option<double> _clip = new("--max-grad-norm") { Description = "Gradient clipping norm (0: off).", DefaultValueFactory = _ => 1.0 };
    private readonly Option<int> _maxLen = new("--max-len") { Description = "Longest sequence in tokens; longer prompts lose their start.", DefaultValueFactory = _ => 512 };
    private readonly Option<double> _warmup = new("--warmup") { Description = "Warm-up: a fraction of the steps (< 1) or a number of steps.", DefaultValueFactory = _ => 0.03 };
    private readonly Option<FileInfo?> _eval = new("--eval") { Description = "Held-out rows (default: --holdout of the training rows; never dev.json)." };
    private readonly Option<double> _holdout = new("--holdout") { Description = "Share of the training rows held out when --eval is not given.", DefaultValueFactory = _ => 0.05 };
    private readonly Option<int> _evalEvery = new("--eval-every") { Description = "Evaluate every N steps (and at the end).", DefaultValueFactory = _ => 0 };
    private readonly Option<int> _evalLimit = new("--eval-limit") { Description = "Held-out rows generated for exact match, ROUGE and BLEU.", DefaultValueFactory = _ => 50 };
    private readonly Option<int> _saveEvery = new("--save-every") { Description = "Checkpoint every N steps (0: never).", DefaultValueFactory = _ => 0 };
    private readonly Option<bool> _resume = new("--resume") { Description = "Continue from the latest checkpoint in --out." };
    private readonly Option<long> _seed = new("--seed") { Description = "Seed of the data order, split, adapter init and dropout.", DefaultValueFactory = _ => 42 };
    private readonly ThreadsOption _threads = new();
    private readonly DeviceOption _device = new();

    public Command Build(GlobalOptions globals)
    {
        var command = new Command("train", "Fine-tune a local model on text-to-SQL rows (LoRA or full), with checkpoints and held-out evaluation.")
        {
            _model, _data, _tables, _out, _template, _dialect, _rank, _alpha, _loraDropout, _targets, _full, _epochs, _maxSteps, _lr,
            _weightDecay, _batch, _accum, _clip, _maxLen, _warmup, _eval, _holdout, _evalEvery, _evalLimit, _saveEvery, _resume, _seed,
            _threads.Option, _device.Option, _knowledge.Source,
        };
        command.Subcommands.Add(new TrainPointerCommand().Build(globals));
        command.SetAction((parse, cancellationToken) => RunAsync(parse, globals, cancellationToken));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, GlobalOptions globals, CancellationToken cancellationToken)
    {
        var error = parse.InvocationConfiguration.Error;
        var output = parse.InvocationConfiguration.Output;
        if (parse.GetValue(_knowledge.Source) is { } source)
        {
            return await FromKnowledgeAsync(parse, globals, source, cancellationToken).ConfigureAwait(false);
        }

        var usage = parse.GetValue(_model) is null || parse.GetValue(_data) is null || parse.GetValue(_out) is null
            ? "--model, --data and --out are required (or --from-knowledge SOURCE)."
            : Validate(parse);
        if (usage is not null)
        {
            await error.WriteLineAsync("error: " + usage).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (_device.Resolve(parse, out var deviceExit) is not { } device)
        {
            return deviceExit;
        }

        var modelDir = parse.GetValue(_model)!.FullName;
        var outDir = parse.GetValue(_out)!.FullName;
        var options = Options(parse);
        CausalLm? model = null;
        var progress = new TrainProgressLine(error, ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected, TimeProvider.System);
        try
        {
            var template = await PromptTemplate.LoadAsync(parse.GetValue(_template)?.FullName ?? ModelFiles.DefaultTemplatePath(), cancellationToken).ConfigureAwait(false);
            var schemas = parse.GetValue(_tables) is { } tables
                ? await SpiderSchemaReader.ReadFileAsync(tables.FullName, cancellationToken).ConfigureAwait(false)
                : null;
            var rows = await TrainingDataReader.ReadAsync(parse.GetValue(_data)!.FullName, cancellationToken).ConfigureAwait(false);
            var (trainRows, heldOutRows) = await SplitAsync(parse, rows, options.Seed, cancellationToken).ConfigureAwait(false);

            var checkpoint = parse.GetValue(_resume) ? TrainerCheckpoint.FindLatest(outDir) : null;
            if (parse.GetValue(_resume) && checkpoint is null)
            {
                await error.WriteLineAsync($"note: no checkpoint in {outDir}; starting from step 0.").ConfigureAwait(false);
            }

            model = checkpoint is not null ? TrainerCheckpoint.LoadModel(checkpoint, modelDir, device) : CausalLm.Load(modelDir, device);
            if (checkpoint is null && !parse.GetValue(_full))
            {
                model.AddLora(LoraOptions(parse), options.Seed);
            }

            var tokenizer = HfTokenizer.Load(modelDir);
            var eos = ModelFiles.EndOfSequenceId(model, tokenizer);
            var encoder = new ExampleEncoder(tokenizer, template, schemas, eos, parse.GetValue(_maxLen), parse.GetValue(_dialect)!);
            var (train, trainReport) = encoder.EncodeAll(trainRows);
            var (heldOut, heldOutReport) = encoder.EncodeAll(heldOutRows);
            await error.WriteLineAsync(Describe("train", trainReport) + "; " + Describe("held-out", heldOutReport)
                + (checkpoint is null ? "" : $"; resuming from {checkpoint}")).ConfigureAwait(false);

            var trainer = new Trainer(model, options, new HeldOutEvaluator(tokenizer, eos, eos), eos);
            var summary = trainer.Run(train, heldOut, outDir, checkpoint, progress, cancellationToken);
            progress.Complete();
            await SaveAsync(model, modelDir, outDir, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync(Summary(summary, outDir)).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is TrainingDataException or PromptTemplateException or ModelFormatException or SpiderDataException)
        {
            progress.Complete();
            await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (IOException e)
        {
            progress.Complete();
            await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Runtime;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            progress.Complete();
            await error.WriteLineAsync("error: cancelled; rerun with --resume to continue from the last checkpoint.").ConfigureAwait(false);
            return ExitCodes.Runtime;
        }
        finally
        {
            model?.Dispose();
        }
    }

    /// <summary>The pointer adapter path: the shared options that make sense for it (--epochs, --lr, --batch, --seed) override its gentler defaults only when given.</summary>
    private async Task<int> FromKnowledgeAsync(ParseResult parse, GlobalOptions globals, string source, CancellationToken cancellationToken)
    {
        if (!_threads.Apply(parse))
        {
            await parse.InvocationConfiguration.Error.WriteLineAsync("error: --threads must be positive.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (_device.ResolveCpuOnly(parse, "the pointer adapter (--from-knowledge)", out var deviceExit) is null)
        {
            return deviceExit;
        }

        if (parse.GetValue(_data) is not null)
        {
            await parse.InvocationConfiguration.Error.WriteLineAsync("error: --from-knowledge trains on the source's pairs; --data does not apply.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var defaults = Gateway.Model.TextToSql.Training.PointerFineTuneRequest.DefaultTraining;
        var training = defaults with
        {
            Epochs = Given(parse, _epochs) ? parse.GetValue(_epochs) : defaults.Epochs,
            LearningRate = Given(parse, _lr) ? parse.GetValue(_lr) : defaults.LearningRate,
            BatchSize = Given(parse, _batch) ? parse.GetValue(_batch) : defaults.BatchSize,
            Seed = parse.GetValue(_seed),
        };
        if (training.Epochs < 1 || training.BatchSize < 1 || training.LearningRate <= 0)
        {
            await parse.InvocationConfiguration.Error.WriteLineAsync("error: --epochs, --batch and --lr must be positive.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        return await _knowledge.RunAsync(parse, globals, source, parse.GetValue(_model), parse.GetValue(_out), training, cancellationToken).ConfigureAwait(false);
    }

    private static bool Given<T>(ParseResult parse, Option<T> option) => parse.GetResult(option) is { Implicit: false };

    private string? Validate(ParseResult parse)
    {
        if (!_threads.Apply(parse))
        {
            return "--threads must be positive.";
        }

        if (parse.GetValue(_epochs) < 1 || parse.GetValue(_batch) < 1 || parse.GetValue(_accum) < 1 || parse.GetValue(_maxLen) < 2
            || parse.GetValue(_rank) < 1 || parse.GetValue(_maxSteps) is < 1 || parse.GetValue(_lr) <= 0)
        {
            return "--epochs, --batch, --grad-accum, --lora-rank, --max-steps and --lr must be positive, --max-len at least 2.";
        }

        if (parse.GetValue(_holdout) is < 0 or >= 1 || parse.GetValue(_warmup) < 0 || parse.GetValue(_evalEvery) < 0 || parse.GetValue(_saveEvery) < 0)
        {
            return "--holdout must be in [0, 1); --warmup, --eval-every and --save-every must not be negative.";
        }

        // Spider's rule: dev is the measure, never training or validation data.
        foreach (var file in new[] { parse.GetValue(_data), parse.GetValue(_eval) })
        {
            if (file is not null && string.Equals(file.Name, "dev.json", StringComparison.OrdinalIgnoreCase))
            {
                return "dev.json is the benchmark's measure: never train or validate on it.";
            }
        }

        return Targets(parse.GetValue(_targets)!) is null ? "--targets: use q,k,v,o,gate,up,down (or their *_proj names)." : null;
    }

    private TrainingOptions Options(ParseResult parse) => new()
    {
        Epochs = parse.GetValue(_epochs),
        MaxSteps = parse.GetValue(_maxSteps),
        LearningRate = parse.GetValue(_lr),
        WeightDecay = parse.GetValue(_weightDecay),
        BatchSize = parse.GetValue(_batch),
        GradientAccumulation = parse.GetValue(_accum),
        MaxGradientNorm = parse.GetValue(_clip),
        Warmup = parse.GetValue(_warmup),
        EvalEvery = parse.GetValue(_evalEvery),
        EvalGenerateLimit = parse.GetValue(_evalLimit),
        SaveEvery = parse.GetValue(_saveEvery),
        Seed = parse.GetValue(_seed),
    };

    private LoraOptions LoraOptions(ParseResult parse) => new()
    {
        Rank = parse.GetValue(_rank),
        Alpha = parse.GetValue(_alpha),
        Dropout = parse.GetValue(_loraDropout),
        TargetModules = Targets(parse.GetValue(_targets)!)!,
    };

    private static List<string>? Targets(string text)
    {
        var known = new[] { "q", "k", "v", "o", "gate", "up", "down" };
        var names = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(t => t.EndsWith("_proj", StringComparison.Ordinal) ? t[..^5] : t)
            .ToList();
        return names.Count > 0 && names.All(known.Contains) ? names.Distinct().Select(n => n + "_proj").ToList() : null;
    }

    private async Task<(IReadOnlyList<TrainingExample> Train, IReadOnlyList<TrainingExample> HeldOut)> SplitAsync(
        ParseResult parse, IReadOnlyList<TrainingExample> rows, long seed, CancellationToken cancellationToken)
    {
        if (parse.GetValue(_eval) is { } evalFile)
        {
            return (rows, await TrainingDataReader.ReadAsync(evalFile.FullName, cancellationToken).ConfigureAwait(false));
        }

        var share = parse.GetValue(_holdout);
        var count = share <= 0 || rows.Count < 2 ? 0 : Math.Clamp((int)Math.Round(rows.Count * share), 1, rows.Count - 1);
        var order = Enumerable.Range(0, rows.Count).ToArray();
        new Random(unchecked((int)seed)).Shuffle(order);
        var heldOut = order.Take(count).ToHashSet();
        return (rows.Where((_, i) => !heldOut.Contains(i)).ToList(), rows.Where((_, i) => heldOut.Contains(i)).ToList());
    }

    private static async Task SaveAsync(CausalLm model, string modelDir, string outDir, CancellationToken cancellationToken)
    {
        if (model.Lora is not null)
        {
            model.SaveAdapter(outDir, baseModel: modelDir);
            return;
        }

        model.Save(outDir);
        var tokenizer = Path.Combine(modelDir, HfTokenizer.FileName);
        await using var source = File.OpenRead(tokenizer);
        await using var target = File.Create(Path.Combine(outDir, HfTokenizer.FileName));
        await source.CopyToAsync(target, cancellationToken).ConfigureAwait(false);
    }

    private static string Describe(string what, EncodingReport report) => string.Create(CultureInfo.InvariantCulture,
        $"{what}: {report.Kept} rows ({report.Truncated} prompts cut to --max-len, {report.Dropped} dropped: answer longer than --max-len)");

    private static string Summary(TrainingSummary summary, string outDir)
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"trained steps {summary.StartStep + 1}-{summary.FinalStep} of {summary.TotalSteps}: final loss {(summary.StepLosses.Count > 0 ? summary.StepLosses[^1] : double.NaN):0.0000}, {summary.Tokens} tokens in {summary.Elapsed.TotalSeconds:0.0} s = {summary.TokensPerSecond:0} tokens/s; wrote {outDir}");
        if (summary.Evaluations.Count > 0)
        {
            var e = summary.Evaluations[^1];
            text += string.Create(CultureInfo.InvariantCulture,
                $"\nheld-out (step {e.Step}, {e.Examples} rows, {e.Generated} generated): loss {e.Loss:0.0000}, exact {e.ExactMatch:P1}, ROUGE-1 {e.Rouge1:0.000}, ROUGE-2 {e.Rouge2:0.000}, ROUGE-L {e.RougeL:0.000}, BLEU-4 {e.Bleu4:0.000}");
        }

        return text;
    }
}
