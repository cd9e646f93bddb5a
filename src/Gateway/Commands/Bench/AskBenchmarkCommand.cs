using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Gateway.Ask;
using Gateway.Cli;
using Gateway.Commands.Eval;

namespace Gateway.Commands.Bench;

/// <summary>
/// <c>gateway bench ask</c>: p50 and p95 of each ask stage and end to end over a question list (default: the demo
/// business question suite) on the demo database, in process. The pipeline, its generator and the questions come from
/// <see cref="DemoSuiteAsk"/>, the same piece <c>gateway eval ask</c> runs, so both measure the same thing; the report
/// says which generator ran.
/// </summary>
internal sealed class AskBenchmarkCommand : IGatewayCommand
{
    private readonly DemoSuiteAsk _ask = new();
    private readonly Option<bool> _json = new("--json") { Description = "Print the figures as one JSON object." };

    public Command Build(GlobalOptions globals)
    {
        ArgumentNullException.ThrowIfNull(globals);
        var command = new Command("ask", "Ask-pipeline latency, p50/p95 per stage and end to end, over the demo suite (or --questions) on the demo database.")
        {
            _json,
        };
        _ask.AddBenchmarkTo(command);
        command.SetAction((parse, cancellationToken) => RunAsync(parse, globals, cancellationToken));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, GlobalOptions globals, CancellationToken cancellationToken)
    {
        var (answers, database, model) = await _ask.RunAsync(parse, globals, parse.InvocationConfiguration.Error, cancellationToken).ConfigureAwait(false);
        if (answers is null)
        {
            return ExitCodes.Usage;
        }

        // The benchmark scores nothing; the scorer's copy of the database is not needed.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(database!);

        var stages = new Dictionary<string, LatencySample>(StringComparer.Ordinal);
        var verdicts = new Dictionary<string, int>(StringComparer.Ordinal);
        var failures = 0;
        foreach (var answer in answers)
        {
            if (answer.Result is not { } result)
            {
                failures++;
                continue;
            }

            foreach (var (stage, milliseconds) in result.TimingsMs)
            {
                (stages.TryGetValue(stage, out var sample) ? sample : stages[stage] = new LatencySample()).Add(TimeSpan.FromMilliseconds(milliseconds));
            }

            var key = result.Route == AskRoute.Data ? result.Verdict.ToName() : result.Route.ToName();
            verdicts[key] = verdicts.GetValueOrDefault(key) + 1;
        }

        await parse.InvocationConfiguration.Output.WriteLineAsync(parse.GetValue(_json)
            ? Json(model, answers.Count, failures, stages, verdicts)
            : Text(model, answers.Count, failures, stages, verdicts)).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static readonly string[] StageOrder = ["route", "context", "answer", "generate", "check", "execute", "present", "total"];

    /// <summary>Stages in pipeline order, then total.</summary>
    private static IEnumerable<string> Ordered(Dictionary<string, LatencySample> stages) =>
        StageOrder.Where(stages.ContainsKey).Concat(stages.Keys.Where(k => !StageOrder.Contains(k)));

    private static string Json(string model, int asked, int failures, Dictionary<string, LatencySample> stages, Dictionary<string, int> verdicts)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("generator", model);
            writer.WriteNumber("questions", asked);
            writer.WriteNumber("failed", failures);
            writer.WriteStartObject("outcomes");
            foreach (var (name, count) in verdicts.OrderBy(v => v.Key, StringComparer.Ordinal))
            {
                writer.WriteNumber(name, count);
            }

            writer.WriteEndObject();
            writer.WriteStartObject("stages_ms");
            foreach (var stage in Ordered(stages))
            {
                writer.WriteStartObject(stage);
                writer.WriteNumber("count", stages[stage].Count);
                writer.WriteNumber("p50", Math.Round(stages[stage].Percentile(50), 2));
                writer.WriteNumber("p95", Math.Round(stages[stage].Percentile(95), 2));
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Text(string model, int asked, int failures, Dictionary<string, LatencySample> stages, Dictionary<string, int> verdicts)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"ask benchmark: {asked} question(s), generator {model}, {failures} failed\n");
        text.Append("outcomes: ").AppendJoin(", ", verdicts.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key} {v.Value}")).Append('\n');
        text.Append(CultureInfo.InvariantCulture, $"{"stage",-10} {"count",6} {"p50 ms",10} {"p95 ms",10}\n");
        foreach (var stage in Ordered(stages))
        {
            text.Append(CultureInfo.InvariantCulture, $"{stage,-10} {stages[stage].Count,6} {stages[stage].Percentile(50),10:0.00} {stages[stage].Percentile(95),10:0.00}\n");
        }

        return text.ToString().TrimEnd();
    }
}
