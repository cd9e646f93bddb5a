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

/// <summary>
/// One question as the ask pipeline answered it (<see cref="Result"/>), or the error it failed with
/// (<see cref="Failure"/>), and how long the whole ask took.
/// </summary>
internal sealed record DemoAnswer(DemoQuestion Question, AskResult? Result, AskException? Failure, TimeSpan Elapsed);

/// <summary>
/// Runs the demo business questions through the ask pipeline (the same as <c>gateway ask</c> and <c>/v1/ask</c>) with
/// one generator: <c>--model DIR</c> (a pointer model folder), else <c>--generator NAME</c> from the configuration,
/// else the configured default (the shipped model when nothing is configured). Shared by <c>gateway eval ask</c> and
/// <c>gateway bench ask</c> (which adds <c>--questions</c> and <c>--warmup</c>). It works in a scratch data folder, so
/// its audit records never join the user's trail. A question the pipeline fails on is kept with its error.
/// </summary>
internal sealed class DemoSuiteAsk
{
    private bool _benchmark;

    /// <summary>Benchmark only: other questions, one per line, asked on the demo database instead of the suite's.</summary>
    public Option<FileInfo?> Questions { get; } = new("--questions") { Description = "A text file with one question per line (default: the demo suite's questions)." };

    /// <summary>Benchmark only: untimed asks before the measured ones.</summary>
    public Option<int> Warmup { get; } = new("--warmup") { Description = "Untimed asks first (JIT, schema cache, model load).", DefaultValueFactory = _ => 2 };

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

    /// <summary>The options plus <c>--questions</c> and <c>--warmup</c>, for <c>gateway bench ask</c>.</summary>
    public void AddBenchmarkTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        AddTo(command);
        command.Options.Add(Questions);
        command.Options.Add(Warmup);
        _benchmark = true;
    }

    /// <summary>
    /// The questions and their answers, in suite order, and a copy of the demo database they ran on (the caller scores
    /// on it, then deletes it); null answers after writing the reason to <paramref name="error"/> (a usage error).
    /// </summary>
    public async Task<(IReadOnlyList<DemoAnswer>? Answers, string? DatabasePath, string ModelId)> RunAsync(
        ParseResult parse, GlobalOptions globals, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(error);
        if (parse.GetValue(Limit) is < 1 || parse.GetValue(Candidates) is < 1)
        {
            await error.WriteLineAsync("error: --limit and --candidates must be positive.").ConfigureAwait(false);
            return (null, null, string.Empty);
        }

        var warmup = _benchmark ? parse.GetValue(Warmup) : 0;
        if (warmup < 0)
        {
            await error.WriteLineAsync("error: --warmup must be ≥ 0.").ConfigureAwait(false);
            return (null, null, string.Empty);
        }

        IReadOnlyList<DemoQuestion> suite;
        try
        {
            suite = _benchmark && parse.GetValue(Questions) is { } file
                ? await QuestionsAsync(file, cancellationToken).ConfigureAwait(false)
                : await DemoSuite.LoadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return (null, null, string.Empty);
        }

        IReadOnlyList<DemoQuestion> questions = parse.GetValue(Limit) is { } limit ? [.. suite.Take(limit)] : suite;
        if (questions.Count == 0)
        {
            await error.WriteLineAsync("error: no questions to ask.").ConfigureAwait(false);
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
                (options, generators) = await AskConfiguration.BuildAsync(defaults.Options.Ask, environment.ConfigFile, dataDirectory: null, cancellationToken).ConfigureAwait(false);
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

            // A benchmark without a generator still measures route and context (data questions take the
            // "no generator configured" route); an evaluation needs answers.
            if (generator is null && !_benchmark)
            {
                await error.WriteLineAsync("error: no generator is configured and no default model was found; give --model DIR or configure ask.generators.").ConfigureAwait(false);
                return (null, null, string.Empty);
            }

            options = options with { Candidates = parse.GetValue(Candidates) ?? options.Candidates };
            var scratch = Directory.CreateTempSubdirectory("gateway-demo-suite-").FullName;
            var answers = new List<DemoAnswer>(questions.Count);
            var source = await DemoDatabase.EnsureAsync(scratch, cancellationToken).ConfigureAwait(false);
            // The scorer needs its own copy: the pipeline's scratch folder is deleted when the run ends.
            var scored = Path.Combine(Path.GetTempPath(), $"gateway-demo-{Guid.NewGuid():N}.db");
            File.Copy(Path.Combine(scratch, DemoDatabase.FileName), scored);
            try
            {
                await using var services = AskServices.Create(scratch, SqlPolicyLoader.LoadDefault(), options.Validated(), generators, contextSettings.ToOptions(scratch, environment.ConfigFile));
                var request = new AskRequest { Source = source, Question = questions[0].Question, Principal = "eval", Generator = name };
                for (var i = 0; i < warmup; i++)
                {
                    // Loads the model and warms the caches, untimed and unscored; a failure here shows in the timed run.
                    await AskAsync(services.Pipeline, request with { Question = questions[i % questions.Count].Question }, cancellationToken).ConfigureAwait(false);
                }

                foreach (var question in questions)
                {
                    var started = Stopwatch.GetTimestamp();
                    var (result, failure) = await AskAsync(services.Pipeline, request with { Question = question.Question }, cancellationToken).ConfigureAwait(false);
                    answers.Add(new DemoAnswer(question, result, failure, Stopwatch.GetElapsedTime(started)));
                }
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(scratch, recursive: true);
            }

            return (answers, scored, generator?.ModelId ?? "none");
        }
    }

    private static async Task<(AskResult? Result, AskException? Failure)> AskAsync(AskPipeline pipeline, AskRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return (await pipeline.AskAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false), null);
        }
        catch (AskException ex)
        {
            return (null, ex);
        }
    }

    /// <summary>One question per line; blank lines and lines starting with # are skipped. They have no gold SQL.</summary>
    private static async Task<IReadOnlyList<DemoQuestion>> QuestionsAsync(FileInfo file, CancellationToken cancellationToken)
    {
        var lines = await File.ReadAllLinesAsync(file.FullName, cancellationToken).ConfigureAwait(false);
        return [.. lines.Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select((question, i) => new DemoQuestion($"q{i + 1}", question, Sql: string.Empty, Gateway.Evaluation.Spider.Matching.SpiderHardness.Easy, Notes: null))];
    }
}
