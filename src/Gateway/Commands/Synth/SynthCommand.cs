using System.CommandLine;
using System.Globalization;
using Gateway.Cli;
using Gateway.Commands.Eval;
using Gateway.Evaluation.Spider.Data;
using Gateway.Execution;
using Gateway.Execution.Demo;
using Gateway.Execution.Schema;
using Gateway.Generation.Pointer;
using Gateway.Model.TextToSql.Synthesis;

namespace Gateway.Commands.Synth;

/// <summary>
/// <c>gateway synth</c>: synthesized question-SQL training pairs over Spider's training databases (and the demo
/// database with <c>--source demo</c>), checked by execution and by the model's action grammar, in Spider's layout.
/// </summary>
internal sealed class SynthCommand : IGatewayCommand
{
    private readonly Option<DirectoryInfo?> _spider = new("--spider") { Description = "The Spider folder (default: ../shared/spider beside the repository root); only train_spider.json's databases are used." };
    private readonly Option<DirectoryInfo> _out = new("--out") { Description = "Output folder: tables.json, train.json, synthesis.json, database/<db_id>/ for extra sources.", Required = true };
    private readonly Option<string[]> _source = new("--source") { Description = "Also synthesize for this source (supported: demo). Repeatable.", AllowMultipleArgumentsPerToken = false };
    private readonly Option<int> _perDatabase = new("--per-database") { Description = "Pairs kept per database at most.", DefaultValueFactory = _ => 40 };
    private readonly Option<int?> _databases = new("--databases") { Description = "Use only the first N Spider training databases (0: none, only --source)." };
    private readonly Option<long> _seed = new("--seed") { Description = "Seed of the template order and the values drawn.", DefaultValueFactory = _ => 42 };

    public Command Build(GlobalOptions globals)
    {
        var command = new Command("synth", "Synthesize checked question-SQL training pairs from Spider's training schemas and the demo database.")
        {
            _spider, _out, _source, _perDatabase, _databases, _seed,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, cancellationToken));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        if (parse.GetValue(_perDatabase) < 1 || parse.GetValue(_databases) is < 0)
        {
            await error.WriteLineAsync("error: --per-database must be positive, --databases not negative.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var sources = parse.GetValue(_source) ?? [];
        if (sources.FirstOrDefault(s => !string.Equals(s, DemoDatabase.SourceName, StringComparison.Ordinal)) is { } unknown)
        {
            await error.WriteLineAsync($"error: --source '{unknown}': only '{DemoDatabase.SourceName}' can be synthesized for.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var spider = parse.GetValue(_spider)?.FullName ?? RepositoryPaths.DefaultSpiderDirectory();
        if (spider is null)
        {
            await error.WriteLineAsync("error: no Spider folder found beside the repository; give --spider DIR.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var scratch = Directory.CreateTempSubdirectory("gateway-synth-").FullName;
        try
        {
            var extra = new List<ExtraDatabase>();
            if (sources.Length > 0)
            {
                extra.Add(await DemoAsync(scratch, cancellationToken).ConfigureAwait(false));
            }

            var request = new SynthesisRequest
            {
                SpiderDirectory = spider,
                OutputDirectory = parse.GetValue(_out)!.FullName,
                Extra = extra,
                PerDatabase = parse.GetValue(_perDatabase),
                Seed = parse.GetValue(_seed),
                SpiderDatabases = parse.GetValue(_databases),
            };
            var result = await SynthesisRun.RunAsync(request, error, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync(Summary(result, request.OutputDirectory)).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is SpiderDataException or ExecutionException)
        {
            await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (IOException e)
        {
            await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Runtime;
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>The demo database, built in <paramref name="scratch"/>, with its schema read by introspection in tables.json shape.</summary>
    private static async Task<ExtraDatabase> DemoAsync(string scratch, CancellationToken cancellationToken)
    {
        var source = await DemoDatabase.EnsureAsync(scratch, cancellationToken).ConfigureAwait(false);
        var introspected = await new SchemaIntrospector().ReadAsync(source, new IntrospectionOptions { SampleValues = false }, cancellationToken).ConfigureAwait(false);
        var schema = SpiderSchemaFromPointer.Convert(PointerSchemaConverter.Convert(introspected with { Source = DemoDatabase.SourceName }));
        return new ExtraDatabase(schema, Path.Combine(scratch, DemoDatabase.FileName));
    }

    private static string Summary(SynthesisResult result, string outDir)
    {
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture,
                $"kept {result.Rows} of {result.Report.Generated} pairs over {result.Databases.Count} databases; wrote {outDir}"),
            "template                 kept / written  dropped (reasons)",
        };
        foreach (var (id, tally) in result.Report.Templates)
        {
            var reasons = string.Join(", ", tally.Dropped.OrderByDescending(d => d.Value).Select(d => $"{d.Key} {d.Value}"));
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{id,-24} {tally.Kept,5} / {tally.Generated,-7}  {reasons}"));
        }

        return string.Join(Environment.NewLine, lines);
    }
}
