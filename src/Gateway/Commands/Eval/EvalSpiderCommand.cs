using System.CommandLine;
using System.Diagnostics;
using Gateway.Cli;
using Gateway.Evaluation.Spider.Data;
using Gateway.Evaluation.Spider.Running;
using Gateway.Model;
using Gateway.Model.TextToSql;

namespace Gateway.Commands.Eval;

/// <summary>
/// <c>gateway eval spider</c>: execution accuracy, exact match and hardness on Spider for predictions from a file,
/// the gold itself (sanity check), a trivial baseline or the text-to-SQL model's action round trip. Exit 0 scored, 2 usage or input error, 4 runtime error.
/// </summary>
internal sealed class EvalSpiderCommand : IGatewayCommand
{
    private const string BaselineName = "count-first-table";
    private const string IrRoundTripName = "ir-roundtrip";

    private readonly Option<DirectoryInfo?> _data = new("--data") { Description = "The Spider folder (default: ../shared/spider beside the repository root)." };
    private readonly Option<string> _split = new("--split") { Description = "Which questions: dev or train.", DefaultValueFactory = _ => "dev" };
    private readonly Option<int?> _limit = new("--limit") { Description = "Score only the first N questions (after --db)." };
    private readonly Option<string?> _db = new("--db") { Description = "Score only the questions of this database." };
    private readonly Option<FileInfo?> _predictionsOut = new("--predictions") { Description = "Write one JSON line per question: {index, db_id, question, gold, predicted, correct, exact, hardness}." };
    private readonly Option<FileInfo?> _from = new("--from") { Description = "Predicted SQL: one per line in question order (Spider's pred.txt), or JSON lines {\"index\",\"predicted\"}." };
    private readonly Option<bool> _gold = new("--gold-as-prediction") { Description = "Predict the gold SQL itself: a sanity check of the harness that must score 100%." };
    private readonly Option<string?> _baseline = new("--baseline") { Description = $"A trivial predictor for comparison only: {BaselineName} (SELECT count(*) FROM the first table)." };
    private readonly Gateway.Commands.Model.DeviceOption _device = new();
    private readonly Option<DirectoryInfo?> _model = new("--model") { Description = "Predict with the pointer text-to-SQL model in this folder (e.g. models/default)." };
    private readonly Option<int> _beam = new("--beam") { Description = "Beam size of --model's decoding.", DefaultValueFactory = _ => 5 };
    private readonly Option<string?> _predictor = new("--predictor") { Description = $"A built-in predictor: {IrRoundTripName} (the gold SQL through the text-to-SQL model's actions and back: the representation's upper bound)." };
    private readonly Option<int> _timeout = new("--timeout") { Description = "Seconds one query may run before it is interrupted.", DefaultValueFactory = _ => 30 };
    private readonly Option<bool> _json = new("--json") { Description = "Print the summary as one JSON object." };

    public Command Build(GlobalOptions globals)
    {
        var command = new Command("spider", "Score predictions on the Spider benchmark: execution accuracy, exact match (Spider's evaluator) and hardness.")
        {
            _data, _split, _limit, _db, _predictionsOut, _from, _gold, _baseline, _predictor, _model, _beam, _timeout, _json, _device.Option,
        };
        _split.AcceptOnlyFromAmong("dev", "train");
        _baseline.AcceptOnlyFromAmong(BaselineName);
        _predictor.AcceptOnlyFromAmong(IrRoundTripName);
        command.SetAction((parse, cancellationToken) => RunAsync(parse, cancellationToken));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        if (_device.ResolveCpuOnly(parse, "the pointer model (--model)", out var deviceExit) is null)
        {
            return deviceExit;
        }

        var sources = (parse.GetValue(_from) is null ? 0 : 1) + (parse.GetValue(_gold) ? 1 : 0) + (parse.GetValue(_baseline) is null ? 0 : 1)
            + (parse.GetValue(_predictor) is null ? 0 : 1) + (parse.GetValue(_model) is null ? 0 : 1);
        if (sources == 0)
        {
            await error.WriteLineAsync("error: give --model DIR (e.g. models/default), --from FILE (predicted SQL), --gold-as-prediction, --baseline or --predictor.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (sources > 1)
        {
            await error.WriteLineAsync("error: give only one of --model, --from, --gold-as-prediction, --baseline and --predictor.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (parse.GetValue(_limit) is < 1 || parse.GetValue(_timeout) < 1 || parse.GetValue(_beam) < 1)
        {
            await error.WriteLineAsync("error: --limit, --beam and --timeout must be positive.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var dataDir = parse.GetValue(_data)?.FullName ?? RepositoryPaths.DefaultSpiderDirectory();
        if (dataDir is null)
        {
            await error.WriteLineAsync("error: no Spider folder found beside the repository; give --data DIR.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        try
        {
            var split = parse.GetValue(_split) == "train" ? SpiderSplit.Train : SpiderSplit.Dev;
            var dataset = await SpiderDataset.LoadAsync(dataDir, split, cancellationToken).ConfigureAwait(false);
            var questions = Select(dataset, parse.GetValue(_db), parse.GetValue(_limit));
            if (questions.Count == 0)
            {
                await error.WriteLineAsync("error: no questions match the selection.").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            using var model = parse.GetValue(_model) is { } modelDir
                ? await PointerSqlModel.LoadAsync(modelDir.FullName, cancellationToken).ConfigureAwait(false)
                : null;
            if (model is not null)
            {
                model.BeamSize = parse.GetValue(_beam);
            }

            var predictor = model is not null
                ? new PointerSqlPredictor(model, dataset)
                : await PredictorAsync(parse, dataset, questions, cancellationToken).ConfigureAwait(false);
            var evaluator = new SpiderEvaluator(dataset, predictor, TimeSpan.FromSeconds(parse.GetValue(_timeout)));
            var started = Stopwatch.GetTimestamp();
            var outcomes = new List<QuestionOutcome>();
            var report = await ScoreAsync(evaluator, questions, parse.GetValue(_predictionsOut), error, outcomes, cancellationToken).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started);
            await output.WriteLineAsync(parse.GetValue(_json)
                ? SpiderJson.Report(split, report, elapsed)
                : SpiderText.Report(split, report, elapsed)).ConfigureAwait(false);
            if (predictor is IrRoundTripPredictor roundTrip)
            {
                await error.WriteLineAsync(IrRoundTripText.Failures(roundTrip, outcomes)).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }
        catch (Exception ex) when (ex is SpiderDataException or ModelFormatException)
        {
            await error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (IOException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Runtime;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("error: cancelled before every question was scored.").ConfigureAwait(false);
            return ExitCodes.Runtime;
        }
    }

    private static List<SpiderQuestion> Select(SpiderDataset dataset, string? db, int? limit)
    {
        IEnumerable<SpiderQuestion> questions = dataset.Questions;
        if (db is not null)
        {
            questions = questions.Where(q => q.DbId == db);
        }

        if (limit is { } n)
        {
            questions = questions.Take(n);
        }

        return questions.ToList();
    }

    private async Task<ISqlPredictor> PredictorAsync(ParseResult parse, SpiderDataset dataset, List<SpiderQuestion> questions, CancellationToken cancellationToken)
    {
        if (parse.GetValue(_predictor) is not null)
        {
            return new IrRoundTripPredictor(dataset, new PointerExampleBuilder());
        }

        if (parse.GetValue(_gold))
        {
            return new GoldPredictor();
        }

        if (parse.GetValue(_baseline) is not null)
        {
            return new CountFirstTablePredictor();
        }

        var predictions = await FilePredictor.LoadAsync(parse.GetValue(_from)!.FullName, cancellationToken).ConfigureAwait(false);
        var uncovered = questions.Where(q => !predictions.Covers(q)).Select(q => q.Index).ToList();
        return uncovered.Count == 0
            ? predictions
            : throw new SpiderDataException(
                $"the predictions file has {predictions.Count} predictions but none for {uncovered.Count} selected questions (first: index {uncovered[0]}); use --limit or --db to score a part.");
    }

    private static async Task<SpiderReport> ScoreAsync(
        SpiderEvaluator evaluator, List<SpiderQuestion> questions, FileInfo? predictionsFile, TextWriter error, List<QuestionOutcome> outcomes, CancellationToken cancellationToken)
    {
        var builder = new SpiderReportBuilder();
        var interactive = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;
        var progress = new ProgressLine(error, interactive, TimeProvider.System);
        var log = predictionsFile is null ? null : new StreamWriter(predictionsFile.FullName);
        try
        {
            await foreach (var outcome in evaluator.EvaluateAsync(questions, cancellationToken).ConfigureAwait(false))
            {
                builder.Add(outcome);
                outcomes.Add(outcome);
                if (log is not null)
                {
                    await log.WriteLineAsync(SpiderJson.Outcome(outcome)).ConfigureAwait(false);
                }

                await progress.ReportAsync(builder.Current.Count, questions.Count, builder.Current).ConfigureAwait(false);
            }
        }
        finally
        {
            await progress.CompleteAsync().ConfigureAwait(false);
            if (log is not null)
            {
                await log.DisposeAsync().ConfigureAwait(false);
            }
        }

        return builder.Build();
    }
}
