using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Gateway.Cli;
using Gateway.Evaluation.Demo;
using Gateway.Execution.Demo;
using Microsoft.Data.Sqlite;

namespace Gateway.Commands.Eval;

/// <summary>
/// <c>gateway eval demo</c>: execution accuracy, overall and by hardness, of predicted SQL for the demo business
/// question suite, on the demo database of the data directory. Exit 0 scored, 2 usage or input error, 4 runtime error.
/// </summary>
internal sealed class EvalDemoCommand : IGatewayCommand
{
    private readonly Option<FileInfo?> _from = new("--from") { Description = "Predicted SQL as JSON lines {\"id\",\"sql\"}; a question without a line is wrong." };
    private readonly Option<bool> _gold = new("--gold-as-prediction") { Description = "Predict the gold SQL itself: a sanity check that must score 100%." };
    private readonly Option<FileInfo?> _predictionsOut = new("--predictions") { Description = "Write one JSON line per question: {id, question, hardness, gold, predicted, correct, error}." };
    private readonly Option<int> _timeout = new("--timeout") { Description = "Seconds one query may run before it is interrupted.", DefaultValueFactory = _ => 30 };
    private readonly Option<bool> _json = new("--json") { Description = "Print the summary as one JSON object." };

    public Command Build(GlobalOptions globals)
    {
        var command = new Command("demo", "Score predicted SQL for the demo business question suite by execution accuracy on the demo database.")
        {
            _from, _gold, _predictionsOut, _timeout, _json,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, globals, cancellationToken));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, GlobalOptions globals, CancellationToken cancellationToken)
    {
        var error = parse.InvocationConfiguration.Error;
        var from = parse.GetValue(_from);
        if ((from is null) == !parse.GetValue(_gold) || parse.GetValue(_timeout) < 1)
        {
            await error.WriteLineAsync("error: give exactly one of --from FILE and --gold-as-prediction; --timeout must be positive.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        try
        {
            var suite = await DemoSuite.LoadAsync(cancellationToken).ConfigureAwait(false);
            var predictions = from is null
                ? suite.ToDictionary(q => q.Id, q => q.Sql)
                : await ReadPredictionsAsync(from.FullName, cancellationToken).ConfigureAwait(false);
            var environment = GatewayEnvironment.Resolve(parse, globals);
            var source = await DemoDatabase.EnsureAsync(environment.EnsureDataDirectory(), cancellationToken).ConfigureAwait(false);
            var path = new SqliteConnectionStringBuilder(source.ConnectionString).DataSource;
            var score = await new DemoSuiteScorer(path, TimeSpan.FromSeconds(parse.GetValue(_timeout))).ScoreAsync(suite, predictions, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(_predictionsOut) is { } outFile)
            {
                await File.WriteAllLinesAsync(outFile.FullName, score.Outcomes.Select(OutcomeLine), cancellationToken).ConfigureAwait(false);
            }

            await parse.InvocationConfiguration.Output.WriteLineAsync(parse.GetValue(_json) ? Json(score) : Text(score)).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (InvalidDataException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (Exception ex) when (ex is IOException or Execution.ExecutionException or InvalidOperationException)
        {
            await error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Runtime;
        }
    }

    private static async Task<Dictionary<string, string>> ReadPredictionsAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{path}: not found");
        }

        var predictions = new Dictionary<string, string>(StringComparer.Ordinal);
        var number = 0;
        foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken).ConfigureAwait(false))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(line);
                var id = document.RootElement.GetProperty("id").GetString();
                var sql = document.RootElement.GetProperty("sql").GetString();
                if (id is null || sql is null || !predictions.TryAdd(id, sql))
                {
                    throw new InvalidDataException($"{path}:{number}: each line needs a string \"id\" (once) and a string \"sql\".");
                }
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new InvalidDataException($"{path}:{number}: each line needs a string \"id\" and a string \"sql\" ({ex.Message})", ex);
            }
        }

        return predictions;
    }

    private static string OutcomeLine(DemoOutcome o) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["id"] = o.Question.Id,
        ["question"] = o.Question.Question,
        ["hardness"] = o.Question.Hardness.ToString().ToLowerInvariant(),
        ["gold"] = o.Question.Sql,
        ["predicted"] = o.Predicted,
        ["correct"] = o.Correct,
        ["error"] = o.Error,
    });

    private static string Text(DemoScore score)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"demo suite: execution accuracy {score.ExecutionAccuracy:P1} ({score.Correct}/{score.Count})\n");
        foreach (var (hardness, (count, correct)) in score.ByHardness)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {hardness.ToString().ToLowerInvariant(),-7} {(double)correct / count,7:P1} ({correct}/{count})\n");
        }

        return text.ToString().TrimEnd();
    }

    private static string Json(DemoScore score) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["n"] = score.Count,
        ["correct"] = score.Correct,
        ["execution_accuracy"] = Math.Round(score.ExecutionAccuracy, 4),
        ["by_hardness"] = score.ByHardness.ToDictionary(
            h => h.Key.ToString().ToLowerInvariant(),
            h => new Dictionary<string, object> { ["n"] = h.Value.Count, ["correct"] = h.Value.Correct, ["execution_accuracy"] = Math.Round((double)h.Value.Correct / h.Value.Count, 4) }),
    });
}
