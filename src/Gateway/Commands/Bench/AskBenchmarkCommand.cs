using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Gateway.Cli;
using Gateway.Commands.Eval;

namespace Gateway.Commands.Bench;

/// <summary>
/// <c>gateway bench ask</c>: the demo business questions through the ask pipeline with one generator, timed per stage
/// (route, context, generate, check, execute, present, as the pipeline itself measures them) and end to end; p50 and
/// p95 of each. The first question is asked once untimed first, so loading the model is not counted.
/// </summary>
internal sealed class AskBenchmarkCommand : IGatewayCommand
{
    private readonly DemoSuiteAsk _ask = new();
    private readonly Option<bool> _json = new("--json") { Description = "Print the figures as one JSON object." };

    public Command Build(GlobalOptions globals)
    {
        ArgumentNullException.ThrowIfNull(globals);
        var command = new Command("ask", "Ask-pipeline latency over the demo suite with a generator: p50/p95 per stage and end to end.")
        {
            _json,
        };
        _ask.AddTo(command);
        command.SetAction((parse, cancellationToken) => RunAsync(parse, globals, cancellationToken));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, GlobalOptions globals, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        var (answers, database, modelId) = await _ask.RunAsync(parse, globals, error, cancellationToken, warmup: true).ConfigureAwait(false);
        if (answers is null)
        {
            return ExitCodes.Usage;
        }

        File.Delete(database!);
        var stages = new SortedDictionary<string, LatencySample>(StringComparer.Ordinal);
        var endToEnd = new LatencySample();
        foreach (var answer in answers)
        {
            endToEnd.Add(answer.Elapsed);
            foreach (var (stage, milliseconds) in answer.Result.TimingsMs)
            {
                if (!stages.TryGetValue(stage, out var sample))
                {
                    stages[stage] = sample = new LatencySample();
                }

                sample.Add(TimeSpan.FromMilliseconds(milliseconds));
            }
        }

        var answered = answers.Count(a => a.Result.Sql is not null);
        await output.WriteLineAsync(parse.GetValue(_json) ? Json(modelId, answers.Count, answered, stages, endToEnd) : Text(modelId, answers.Count, answered, stages, endToEnd)).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static string Text(string modelId, int questions, int answered, IReadOnlyDictionary<string, LatencySample> stages, LatencySample endToEnd)
    {
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"ask pipeline over the demo suite, generator {modelId}: {questions} questions, {answered} ran a query"),
            "stage         p50 ms     p95 ms",
        };
        foreach (var (stage, sample) in stages)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{stage,-10} {sample.Percentile(50),9:F1} {sample.Percentile(95),10:F1}"));
        }

        lines.Add(string.Create(CultureInfo.InvariantCulture, $"{"end to end",-10} {endToEnd.Percentile(50),9:F1} {endToEnd.Percentile(95),10:F1}"));
        return string.Join(Environment.NewLine, lines);
    }

    private static string Json(string modelId, int questions, int answered, IReadOnlyDictionary<string, LatencySample> stages, LatencySample endToEnd)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("model_id", modelId);
            writer.WriteNumber("questions", questions);
            writer.WriteNumber("answered", answered);
            writer.WriteStartObject("stages_ms");
            foreach (var (stage, sample) in stages)
            {
                Percentiles(writer, stage, sample);
            }

            writer.WriteEndObject();
            Percentiles(writer, "end_to_end_ms", endToEnd);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Percentiles(Utf8JsonWriter writer, string name, LatencySample sample)
    {
        writer.WriteStartObject(name);
        writer.WriteNumber("p50", Math.Round(sample.Percentile(50), 2));
        writer.WriteNumber("p95", Math.Round(sample.Percentile(95), 2));
        writer.WriteEndObject();
    }
}
