using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Gateway.Cli;
using Gateway.Commands.Model;
using Gateway.Evaluation.Spider.Data;
using Gateway.Evaluation.Spider.Running;
using Gateway.Model;
using Gateway.Model.Generation;
using Gateway.Model.Prompting;
using Gateway.Model.Tokenization;
using Gateway.Model.Training;

namespace Gateway.Commands.Eval;

/// <summary>
/// <c>gateway eval model</c>: generates SQL for Spider-format rows with a local model (greedy) and scores it without
/// a loss: exact match of normalised strings, ROUGE-1/2/L and BLEU-4, and with <c>--db-dir</c> Spider's execution
/// accuracy and exact (component) match through the Spider evaluator.
/// </summary>
internal sealed class EvalModelCommand : IGatewayCommand
{
    private readonly Option<DirectoryInfo> _model = new("--model") { Description = "The model folder.", Required = true };
    private readonly Option<DirectoryInfo?> _adapter = new("--adapter") { Description = "A LoRA adapter folder (PEFT layout)." };
    private readonly Option<FileInfo> _data = new("--data") { Description = "Rows {question, query, db_id}: JSON array or JSON lines.", Required = true };
    private readonly Option<FileInfo> _tables = new("--tables") { Description = "Spider tables.json for the prompts' DDL.", Required = true };
    private readonly Option<DirectoryInfo?> _dbDir = new("--db-dir") { Description = "Spider's database folder (<db-dir>/<db_id>/<db_id>.sqlite): adds execution accuracy." };
    private readonly Option<FileInfo?> _template = new("--prompt-template") { Description = $"Prompt template (default: {ModelFiles.TemplateRelativePath})." };
    private readonly Option<string> _dialect = new("--dialect") { Description = "The {dialect} of the prompt.", DefaultValueFactory = _ => "SQLite" };
    private readonly Option<int?> _limit = new("--limit") { Description = "Score only the first N rows." };
    private readonly Option<int> _maxLen = new("--max-len") { Description = "Longest prompt + answer in tokens; longer prompts lose their start.", DefaultValueFactory = _ => 512 };
    private readonly Option<int> _maxNew = new("--max-new-tokens") { Description = "Longest generated answer.", DefaultValueFactory = _ => 128 };
    private readonly Option<int> _batch = new("--batch") { Description = "Prompts generated together.", DefaultValueFactory = _ => 4 };
    private readonly Option<bool> _json = new("--json") { Description = "Print the figures as one JSON object." };
    private readonly ThreadsOption _threads = new();

    public Command Build(GlobalOptions globals)
    {
        var command = new Command("model", "Generate SQL with a local model and score it: exact match, ROUGE, BLEU and (with --db-dir) execution accuracy.")
        {
            _model, _adapter, _data, _tables, _dbDir, _template, _dialect, _limit, _maxLen, _maxNew, _batch, _json, _threads.Option,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, cancellationToken));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var error = parse.InvocationConfiguration.Error;
        var maxNew = parse.GetValue(_maxNew);
        if (!_threads.Apply(parse) || parse.GetValue(_limit) is < 1 || maxNew < 1 || parse.GetValue(_batch) < 1 || parse.GetValue(_maxLen) <= maxNew)
        {
            await error.WriteLineAsync("error: --threads, --limit, --batch and --max-new-tokens must be positive and --max-len above --max-new-tokens.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var dbDir = parse.GetValue(_dbDir)?.FullName;
        if (dbDir is not null && !Directory.Exists(dbDir))
        {
            await error.WriteLineAsync($"error: --db-dir not found: {dbDir}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        try
        {
            var template = await PromptTemplate.LoadAsync(parse.GetValue(_template)?.FullName ?? ModelFiles.DefaultTemplatePath(), cancellationToken).ConfigureAwait(false);
            var schemas = await SpiderSchemaReader.ReadFileAsync(parse.GetValue(_tables)!.FullName, cancellationToken).ConfigureAwait(false);
            IEnumerable<TrainingExample> rows = await TrainingDataReader.ReadAsync(parse.GetValue(_data)!.FullName, cancellationToken).ConfigureAwait(false);
            var selected = (parse.GetValue(_limit) is { } limit ? rows.Take(limit) : rows).ToList();
            var modelDir = parse.GetValue(_model)!.FullName;
            using var model = await CausalLm.LoadAsync(modelDir, parse.GetValue(_adapter)?.FullName, cancellationToken: cancellationToken).ConfigureAwait(false);
            var tokenizer = HfTokenizer.Load(modelDir);
            var eos = ModelFiles.EndOfSequenceId(model, tokenizer);
            var encoder = new ExampleEncoder(tokenizer, template, schemas, eos, parse.GetValue(_maxLen), parse.GetValue(_dialect)!);
            var predictions = Predict(model, tokenizer, encoder, selected, eos, parse.GetValue(_maxLen) - maxNew, maxNew, parse.GetValue(_batch), cancellationToken);
            var scores = GenerationScores.Of(predictions.Zip(selected, (p, r) => (p, r.Query)).ToList());
            var execution = dbDir is null ? null : await ExecuteAsync(dbDir, schemas, selected, predictions, cancellationToken).ConfigureAwait(false);
            await parse.InvocationConfiguration.Output.WriteLineAsync(parse.GetValue(_json) ? Json(scores, execution) : Text(scores, execution)).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is TrainingDataException or PromptTemplateException or ModelFormatException or SpiderDataException)
        {
            await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (IOException e)
        {
            await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Runtime;
        }
    }

    private static List<string> Predict(
        CausalLm model, HfTokenizer tokenizer, ExampleEncoder encoder, List<TrainingExample> rows, int eos, int maxPrompt, int maxNew, int batch,
        CancellationToken cancellationToken)
    {
        var options = new GenerationOptions { MaxNewTokens = maxNew, StopTokenIds = [eos], PadTokenId = eos };
        var predictions = new List<string>();
        foreach (var chunk in rows.Chunk(batch))
        {
            var prompts = chunk.Select(r => tokenizer.Encode(encoder.Prompt(r.Question, r.DbId)).TakeLast(maxPrompt).ToList()).ToList<IReadOnlyList<int>>();
            foreach (var result in model.Generate(prompts, options, cancellationToken))
            {
                predictions.Add(tokenizer.Decode(result.Tokens.Where(id => id != eos), skipSpecialTokens: true).Trim());
            }
        }

        return predictions;
    }

    /// <summary>Execution accuracy over the rows whose database exists, and Spider's exact match over all rows.</summary>
    private static async Task<ExecutionScores> ExecuteAsync(
        string dbDir, IReadOnlyDictionary<string, SpiderSchema> schemas, List<TrainingExample> rows, List<string> predictions, CancellationToken cancellationToken)
    {
        var questions = rows.Select((r, i) => new SpiderQuestion(i, r.DbId, r.Question, r.Query)).ToList();
        // The evaluator finds databases under <data>/database/; a folder of another name is reached through a link-free
        // relative path from its parent, which holds only when the folder is named "database" as in Spider's layout.
        var dataDir = Path.GetFileName(dbDir.TrimEnd(Path.DirectorySeparatorChar)) == "database"
            ? Path.GetDirectoryName(dbDir.TrimEnd(Path.DirectorySeparatorChar))!
            : throw new SpiderDataException($"--db-dir must be Spider's 'database' folder (<db-dir>/<db_id>/<db_id>.sqlite), got {dbDir}");
        var dataset = new SpiderDataset(dataDir, SpiderSplit.Train, questions, schemas);
        var evaluator = new SpiderEvaluator(dataset, new ListPredictor(predictions), TimeSpan.FromSeconds(30));
        int executable = 0, correct = 0, exact = 0;
        await foreach (var outcome in evaluator.EvaluateAsync(questions, cancellationToken).ConfigureAwait(false))
        {
            executable += outcome.Correct is null ? 0 : 1;
            correct += outcome.Correct == true ? 1 : 0;
            exact += outcome.Exact ? 1 : 0;
        }

        return new ExecutionScores(executable, executable == 0 ? 0 : correct / (double)executable, exact / (double)Math.Max(1, questions.Count));
    }

    private static string Json(GenerationScores s, ExecutionScores? e)
    {
        var figures = new Dictionary<string, object>
        {
            ["examples"] = s.Count,
            ["exact_match"] = s.ExactMatch,
            ["rouge1"] = s.Rouge1,
            ["rouge2"] = s.Rouge2,
            ["rougeL"] = s.RougeL,
            ["bleu4"] = s.Bleu4,
        };
        if (e is not null)
        {
            figures["execution_accuracy"] = e.Accuracy;
            figures["executable"] = e.Executable;
            figures["spider_exact_match"] = e.SpiderExact;
        }

        return JsonSerializer.Serialize(figures);
    }

    private static string Text(GenerationScores s, ExecutionScores? e) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{s.Count} rows: exact match {s.ExactMatch:P1}, ROUGE-1 {s.Rouge1:0.000}, ROUGE-2 {s.Rouge2:0.000}, ROUGE-L {s.RougeL:0.000}, BLEU-4 {s.Bleu4:0.000}")
        + (e is null ? "" : string.Create(CultureInfo.InvariantCulture,
            $"\nexecution accuracy {e.Accuracy:P1} of {e.Executable} rows with a database; Spider exact match {e.SpiderExact:P1}"));

    private sealed record ExecutionScores(int Executable, double Accuracy, double SpiderExact);

    /// <summary>Hands the evaluator the SQL already generated, by question index.</summary>
    private sealed class ListPredictor(IReadOnlyList<string> predictions) : ISqlPredictor
    {
        public Task<string> PredictAsync(SpiderQuestion question, SpiderSchema schema, CancellationToken cancellationToken) =>
            Task.FromResult(predictions[question.Index]);
    }
}
