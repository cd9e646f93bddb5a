using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Gateway.Ask;
using Gateway.Cli;
using Gateway.Commands.Sources;
using Gateway.Configuration;
using Gateway.Evaluation.Demo;
using Gateway.Execution;
using Gateway.Sql.Policy;

namespace Gateway.Commands.Bench;

/// <summary>
/// <c>gateway bench ask</c>: p50 and p95 of each ask stage and end to end over a question list (default: the demo
/// business question suite) on the demo database, in process, with the configured generator. With no generator
/// configured, data questions take the "no generator configured" route, so only route and context are measured;
/// the report says which generator ran.
/// </summary>
internal sealed class AskBenchmarkCommand : IGatewayCommand
{
    private readonly Option<FileInfo?> _questions = new("--questions") { Description = "A text file with one question per line (default: the demo suite's questions)." };
    private readonly Option<int> _limit = new("--limit") { Description = "Questions asked at most (0: all).", DefaultValueFactory = _ => 0 };
    private readonly Option<int> _warmup = new("--warmup") { Description = "Untimed asks first (JIT, schema cache, model load).", DefaultValueFactory = _ => 2 };
    private readonly Option<string?> _generator = new("--generator") { Description = "A generator configured under ask.generators (default: the configured default)." };
    private readonly Option<bool> _json = new("--json") { Description = "Print the figures as one JSON object." };

    public Command Build(GlobalOptions globals)
    {
        ArgumentNullException.ThrowIfNull(globals);
        var command = new Command("ask", "Ask-pipeline latency, p50/p95 per stage and end to end, over the demo suite (or --questions) on the demo database.")
        {
            _questions, _limit, _warmup, _generator, _json,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, globals, cancellationToken));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, GlobalOptions globals, CancellationToken cancellationToken)
    {
        var error = parse.InvocationConfiguration.Error;
        var environment = GatewayEnvironment.Resolve(parse, globals);
        if (parse.GetValue(_limit) < 0 || parse.GetValue(_warmup) < 0)
        {
            await error.WriteLineAsync("error: --limit and --warmup must be ≥ 0.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        IReadOnlyList<string> questions;
        AskOptions options;
        Gateway.Generation.SqlGeneratorCatalog generators;
        Gateway.Context.ContextOptions context;
        SqlPolicy policy;
        try
        {
            questions = await QuestionsAsync(parse.GetValue(_questions), cancellationToken).ConfigureAwait(false);
            var defaults = await environment.LoadDefaultsAsync(cancellationToken).ConfigureAwait(false);
            (options, generators) = await AskConfiguration.BuildAsync(defaults.Options.Ask, environment.ConfigFile, cancellationToken).ConfigureAwait(false);
            context = defaults.Options.Context.ToOptions(environment.DataDirectory, environment.ConfigFile);
            policy = defaults.PolicyFile(null) is { } policyFile
                ? await SqlPolicyLoader.LoadFileAsync(policyFile, cancellationToken).ConfigureAwait(false)
                : SqlPolicyLoader.LoadDefault();
        }
        catch (Exception ex) when (ex is ConfigurationFileException or PolicyException or IOException or InvalidDataException)
        {
            await error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (parse.GetValue(_limit) is > 0 and var limit)
        {
            questions = [.. questions.Take(limit)];
        }

        if (questions.Count == 0)
        {
            await error.WriteLineAsync("error: no questions to ask.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        try
        {
            var source = await SourceResolver.OpenAsync(null, environment.EnsureDataDirectory(), cancellationToken).ConfigureAwait(false);
            await using var services = AskServices.Create(environment.DataDirectory, policy, options, generators, context);
            var generatorName = parse.GetValue(_generator);
            var request = new AskRequest { Source = source, Question = questions[0], Principal = "bench", Generator = generatorName };
            for (var i = 0; i < parse.GetValue(_warmup); i++)
            {
                await services.Pipeline.AskAsync(request with { Question = questions[i % questions.Count] }, cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            var stages = new Dictionary<string, LatencySample>(StringComparer.Ordinal);
            var verdicts = new Dictionary<string, int>(StringComparer.Ordinal);
            var failures = 0;
            foreach (var question in questions)
            {
                try
                {
                    var result = await services.Pipeline.AskAsync(request with { Question = question }, cancellationToken: cancellationToken).ConfigureAwait(false);
                    foreach (var (stage, milliseconds) in result.TimingsMs)
                    {
                        (stages.TryGetValue(stage, out var sample) ? sample : stages[stage] = new LatencySample()).Add(TimeSpan.FromMilliseconds(milliseconds));
                    }

                    var key = result.Route == AskRoute.Data ? result.Verdict.ToName() : result.Route.ToName();
                    verdicts[key] = verdicts.GetValueOrDefault(key) + 1;
                }
                catch (AskException)
                {
                    failures++;
                }
            }

            var model = generators.Resolve(generatorName)?.ModelId ?? "none";
            await parse.InvocationConfiguration.Output.WriteLineAsync(parse.GetValue(_json)
                ? Json(model, questions.Count, failures, stages, verdicts)
                : Text(model, questions.Count, failures, stages, verdicts)).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (Exception ex) when (ex is AskException or Gateway.Generation.UnknownGeneratorException)
        {
            await error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (ExecutionException ex)
        {
            await error.WriteLineAsync($"error [{ex.ErrorCode.ToName()}]: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Runtime;
        }
    }

    private static async Task<IReadOnlyList<string>> QuestionsAsync(FileInfo? file, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            return [.. (await DemoSuite.LoadAsync(cancellationToken).ConfigureAwait(false)).Select(q => q.Question)];
        }

        var lines = await File.ReadAllLinesAsync(file.FullName, cancellationToken).ConfigureAwait(false);
        return [.. lines.Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))];
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
