using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Gateway.Cli;
using Gateway.Evaluation.Demo;
using Gateway.Evaluation.Spider.Matching;

namespace Gateway.Commands.Eval;

/// <summary>
/// <c>gateway eval ask</c>: the demo business questions through the ask pipeline with one generator, scored by
/// execution accuracy against their gold SQL, overall and by hardness. Exit 0 scored, 2 usage, 4 runtime error.
/// </summary>
internal sealed class EvalAskCommand : IGatewayCommand
{
    private readonly DemoSuiteAsk _ask = new();
    private readonly Option<int> _timeout = new("--timeout") { Description = "Seconds the scorer lets one query run.", DefaultValueFactory = _ => 30 };
    private readonly Option<bool> _json = new("--json") { Description = "Print the score as one JSON object, with each question's outcome." };

    public Command Build(GlobalOptions globals)
    {
        ArgumentNullException.ThrowIfNull(globals);
        var command = new Command("ask", "Answer the demo business questions through the ask pipeline with a generator and score execution accuracy by hardness.")
        {
            _timeout, _json,
        };
        _ask.AddTo(command);
        command.SetAction((parse, cancellationToken) => RunAsync(parse, globals, cancellationToken));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, GlobalOptions globals, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        if (parse.GetValue(_timeout) < 1)
        {
            await error.WriteLineAsync("error: --timeout must be positive.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var (answers, database, modelId) = await _ask.RunAsync(parse, globals, error, cancellationToken).ConfigureAwait(false);
        if (answers is null)
        {
            return ExitCodes.Usage;
        }

        try
        {
            var scorer = new DemoSuiteScorer(database!, TimeSpan.FromSeconds(parse.GetValue(_timeout)));
            var predictions = answers.Where(a => a.Result?.GeneratedSql is not null).ToDictionary(a => a.Question.Id, a => a.Result!.GeneratedSql!, StringComparer.Ordinal);
            var score = await scorer.ScoreAsync([.. answers.Select(a => a.Question)], predictions, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync(parse.GetValue(_json) ? Json(score, modelId) : Text(score, modelId)).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (InvalidOperationException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Runtime;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(database!);
        }
    }

    private static string Text(DemoScore score, string modelId)
    {
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"demo suite through the ask pipeline, generator {modelId}: {score.Count} questions"),
            string.Create(CultureInfo.InvariantCulture, $"execution accuracy  {score.Correct}/{score.Count}  {score.ExecutionAccuracy:P1}"),
        };
        foreach (var (hardness, (count, correct)) in score.ByHardness)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"  {Name(hardness),-10} {correct}/{count}  {(count == 0 ? 0 : (double)correct / count):P1}"));
        }

        return string.Join(Environment.NewLine, lines);
    }

    private static string Json(DemoScore score, string modelId)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("model_id", modelId);
            writer.WriteNumber("questions", score.Count);
            writer.WriteNumber("correct", score.Correct);
            writer.WriteNumber("execution_accuracy", score.ExecutionAccuracy);
            writer.WriteStartObject("by_hardness");
            foreach (var (hardness, (count, correct)) in score.ByHardness)
            {
                writer.WriteStartObject(Name(hardness));
                writer.WriteNumber("questions", count);
                writer.WriteNumber("correct", correct);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteStartArray("outcomes");
            foreach (var outcome in score.Outcomes)
            {
                writer.WriteStartObject();
                writer.WriteString("id", outcome.Question.Id);
                writer.WriteString("predicted", outcome.Predicted);
                writer.WriteBoolean("correct", outcome.Correct);
                writer.WriteString("error", outcome.Error);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string Name(SpiderHardness hardness) => hardness.ToString().ToLowerInvariant();
}
