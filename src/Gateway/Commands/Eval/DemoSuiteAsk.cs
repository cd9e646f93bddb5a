using System.CommandLine;
using System.Diagnostics;
using Gateway.Ask;
using Gateway.Cli;
using Gateway.Configuration;
using Gateway.Evaluation.Demo;
using Gateway.Execution.Demo;
using Gateway.Generation;
using Gateway.Generation.Pointer;
using Gateway.Sql.Policy;

namespace Gateway.Commands.Eval;

/// <summary>One demo-suite question as the ask pipeline answered it, and how long the whole ask took.</summary>
internal sealed record DemoAnswer(DemoQuestion Question, AskResult Result, TimeSpan Elapsed);

/// <summary>
/// Runs the demo business questions through the ask pipeline (the same as <c>gateway ask</c> and <c>/v1/ask</c>) with
/// one generator: <c>--model DIR</c> (a pointer model folder), else <c>--generator NAME</c> from the configuration,
/// else the configured default (the shipped model when nothing is configured). Shared by <c>gateway eval demo</c> and
/// <c>gateway bench ask</c>. It works in a scratch data folder, so its audit records never join the user's trail.
/// </summary>
internal sealed class DemoSuiteAsk
{
    public Option<string?> Generator { get; } = new("--generator") { Description = "A configured generator, or 'default' for the shipped model (default: the configured default)." };

    public Option<DirectoryInfo?> Model { get; } = new("--model") { Description = "Answer with the pointer text-to-SQL model in this folder (e.g. models/default)." };

    public Option<int?> Limit { get; } = new("--limit") { Description = "Only the first N questions of the suite." };

    public Option<int?> Candidates { get; } = new("--candidates") { Description = "Candidates asked of the generator per attempt (default: the configured ask.candidates)." };

    public void AddTo(Command command)
    {
        command.Options.Add(Generator);
        command.Options.Add(Model);
        command.Options.Add(Limit);
        command.Options.Add(Candidates);
    }

    /// <summary>
    /// The questions and their answers, in suite order, and a copy of the demo database they ran on (the caller scores
    /// on it, then deletes it); null answers after writing the reason to <paramref name="error"/> (a usage error).
    /// </summary>
    public async Task<(IReadOnlyList<DemoAnswer>? Answers, string? DatabasePath, string ModelId)> RunAsync(
        ParseResult parse, GlobalOptions globals, TextWriter error, CancellationToken cancellationToken, bool warmup = false)
    {
        if (parse.GetValue(Limit) is < 1 || parse.GetValue(Candidates) is < 1)
        {
            await error.WriteLineAsync("error: --limit and --candidates must be positive.").ConfigureAwait(false);
            return (null, null, string.Empty);
        }

        if (parse.GetValue(Model) is not null && parse.GetValue(Generator) is { } named && !named.Equals(PointerSqlGenerator.DefaultName, StringComparison.OrdinalIgnoreCase))
        {
            await error.WriteLineAsync("error: give --model or --generator, not both.").ConfigureAwait(false);
            return (null, null, string.Empty);
        }

        var environment = GatewayEnvironment.Resolve(parse, globals);
        SqlGeneratorCatalog generators;
        AskOptions options;
        ContextSettings contextSettings;
        try
        {
            var defaults = await environment.LoadDefaultsAsync(cancellationToken).ConfigureAwait(false);
            contextSettings = defaults.Options.Context;
            if (parse.GetValue(Model) is { } model)
            {
                options = new AskOptions();
                generators = new SqlGeneratorCatalog(new Dictionary<string, ISqlGenerator>
                {
                    [PointerSqlGenerator.DefaultName] = new PointerSqlGenerator(new PointerGeneratorOptions { ModelDirectory = model.FullName }),
                });
            }
            else
            {
                (options, generators) = await AskConfiguration.BuildAsync(defaults.Options.Ask, environment.ConfigFile, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is ConfigurationFileException or GenerationException)
        {
            await error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return (null, null, string.Empty);
        }

        using (generators)
        {
            ISqlGenerator? generator;
            var name = parse.GetValue(Model) is null ? parse.GetValue(Generator) ?? generators.DefaultName : PointerSqlGenerator.DefaultName;
            try
            {
                generator = generators.Resolve(name);
            }
            catch (UnknownGeneratorException ex)
            {
                await error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
                return (null, null, string.Empty);
            }

            if (generator is null)
            {
                await error.WriteLineAsync("error: no generator is configured and no default model was found; give --model DIR or configure ask.generators.").ConfigureAwait(false);
                return (null, null, string.Empty);
            }

            options = options with { Candidates = parse.GetValue(Candidates) ?? options.Candidates };
            var suite = await DemoSuite.LoadAsync(cancellationToken).ConfigureAwait(false);
            var questions = parse.GetValue(Limit) is { } limit ? suite.Take(limit).ToList() : suite;
            var scratch = Directory.CreateTempSubdirectory("gateway-demo-suite-").FullName;
            var answers = new List<DemoAnswer>(questions.Count);
            var source = await DemoDatabase.EnsureAsync(scratch, cancellationToken).ConfigureAwait(false);
            // The scorer needs its own copy: the pipeline's scratch folder is deleted when the run ends.
            var scored = Path.Combine(Path.GetTempPath(), $"gateway-demo-{Guid.NewGuid():N}.db");
            File.Copy(Path.Combine(scratch, DemoDatabase.FileName), scored);
            try
            {
                await using var services = AskServices.Create(scratch, SqlPolicyLoader.LoadDefault(), options.Validated(), generators, contextSettings.ToOptions(scratch, environment.ConfigFile));
                if (warmup && questions.Count > 0)
                {
                    // Loads the model and warms the caches, untimed and unscored.
                    await services.Pipeline.AskAsync(new AskRequest { Source = source, Question = questions[0].Question, Principal = "eval", Generator = name }, cancellationToken: cancellationToken).ConfigureAwait(false);
                }

                foreach (var question in questions)
                {
                    var started = Stopwatch.GetTimestamp();
                    var result = await services.Pipeline.AskAsync(new AskRequest
                    {
                        Source = source,
                        Question = question.Question,
                        Principal = "eval",
                        Generator = name,
                    }, cancellationToken: cancellationToken).ConfigureAwait(false);
                    answers.Add(new DemoAnswer(question, result, Stopwatch.GetElapsedTime(started)));
                }
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(scratch, recursive: true);
            }

            return (answers, scored, generator.ModelId);
        }
    }
}
