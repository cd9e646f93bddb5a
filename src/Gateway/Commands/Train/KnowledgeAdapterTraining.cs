using System.CommandLine;
using System.Globalization;
using Gateway.Cli;
using Gateway.Commands.Knowledge;
using Gateway.Commands.Sources;
using Gateway.Configuration;
using Gateway.Context.Knowledge;
using Gateway.Execution;
using Gateway.Execution.Demo;
using Gateway.Execution.Schema;
using Gateway.Execution.Sources;
using Gateway.Generation;
using Gateway.Generation.Pointer;
using Gateway.Model;
using Gateway.Model.TextToSql.Training;
using Gateway.Model.Training;
using Gateway.Sql.Policy;
using Gateway.Sql.Validation;

namespace Gateway.Commands.Train;

/// <summary>
/// <c>gateway train --from-knowledge SOURCE [--out DIR]</c>: the source's question-SQL pairs, validated under the
/// policy and turned into the shipped pointer model's examples over the source's schema, fine-tune a copy of that
/// model into the source's adapter folder (<c>&lt;data-dir&gt;/adapters/pointer/&lt;source&gt;</c> by default), which
/// the default generator then uses for that source. Every pair not trained on is reported with the reason.
/// </summary>
internal sealed class KnowledgeAdapterTraining
{
    public Option<string?> Source { get; } = new("--from-knowledge") { Description = "Train the shipped model's adapter for this source from its question-SQL pairs (demo, a configured name, or NAME=PROVIDER:CS)." };

    public async Task<int> RunAsync(
        ParseResult parse, GlobalOptions globals, string sourceName, DirectoryInfo? model, DirectoryInfo? output, PointerTrainingOptions training, CancellationToken cancellationToken)
    {
        var error = parse.InvocationConfiguration.Error;
        var environment = GatewayEnvironment.Resolve(parse, globals);
        try
        {
            var defaults = await environment.LoadDefaultsAsync(cancellationToken).ConfigureAwait(false);
            var baseModel = model?.FullName ?? BaseModel(defaults, environment.ConfigFile)
                ?? throw new ConfigurationFileException("no shipped model was found to start from; give --model DIR (a pointer model folder such as models/default).");
            var source = await OpenAsync(sourceName, defaults, environment.EnsureDataDirectory(), cancellationToken).ConfigureAwait(false);
            var dialect = SourceResolver.Dialect(source.Provider);
            var policy = defaults.PolicyFile(null) is { } policyFile
                ? await SqlPolicyLoader.LoadFileAsync(policyFile, cancellationToken).ConfigureAwait(false)
                : SqlPolicyLoader.LoadDefault();

            IReadOnlyList<KnowledgeItem> items;
            await using (var session = await KnowledgeSession.OpenAsync(environment, defaults, embed: false, cancellationToken).ConfigureAwait(false))
            {
                items = await session.Service.ListAsync(source.Name, cancellationToken).ConfigureAwait(false);
            }

            var pairs = items.Where(i => i.Kind == KnowledgeKind.QuestionSql && i.Question is not null && i.Sql is not null).ToList();
            if (pairs.Count == 0)
            {
                await error.WriteLineAsync($"error: source '{source.Name}' has no question-SQL pairs; add some with gateway knowledge add or POST /v1/feedback.").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            // Pairs were validated when stored; the policy may have tightened since, and a rejected pair is not learnt.
            var validator = new SqlValidator();
            var allowed = new List<AdapterPair>();
            var rejected = new List<SkippedPair>();
            foreach (var pair in pairs)
            {
                var verdict = validator.Validate(pair.Sql!, dialect, policy);
                if (verdict.Allowed)
                {
                    allowed.Add(new AdapterPair(pair.Id, pair.Question!, pair.Sql!));
                }
                else
                {
                    rejected.Add(new SkippedPair(pair.Id, pair.Question!, $"rejected by the policy ({verdict.Rule}): {verdict.Message}"));
                }
            }

            var schema = await new SchemaCache(Path.Combine(environment.DataDirectory, "schema-cache")).GetAsync(source, cancellationToken: cancellationToken).ConfigureAwait(false);
            var built = await PointerAdapterTrainer.BuildExamplesAsync(schema, SqliteSourceFile.PathOf(source), allowed, cancellationToken).ConfigureAwait(false);
            var examples = built with { Skipped = [.. rejected, .. built.Skipped] };
            foreach (var skipped in examples.Skipped)
            {
                await error.WriteLineAsync($"skipped {skipped.Id} \"{skipped.Question}\": {skipped.Reason}").ConfigureAwait(false);
            }

            if (examples.Examples.Count == 0)
            {
                await error.WriteLineAsync($"error: none of the {pairs.Count} pair(s) of '{source.Name}' can be trained on (see above).").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var folder = output?.FullName ?? PointerAdapters.FolderFor(PointerAdapters.Root(environment.DataDirectory), source.Name);
            await error.WriteLineAsync($"training on {examples.Examples.Count} of {pairs.Count} pair(s) of '{source.Name}' from {baseModel}").ConfigureAwait(false);
            var record = await WriteAtomicallyAsync(folder, staging => PointerAdapterTrainer.TrainAsync(
                source.Name, baseModel, staging, examples, pairs.Count, training, new PointerProgressLine(error, TimeProvider.System), TimeProvider.System, cancellationToken)).ConfigureAwait(false);
            await parse.InvocationConfiguration.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"adapter for '{source.Name}': trained on {record.TrainedOn} of {record.Pairs} pair(s) ({record.Skipped.Count} skipped), {record.Epochs.Count} epochs, loss {record.Epochs[0].TrainLoss:0.0000} -> {record.Epochs[^1].TrainLoss:0.0000}, {record.WallSeconds:0.0} s; version {record.Version}; wrote {folder}")).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (Exception ex) when (ex is ConfigurationFileException or SourceSpecException or PolicyException or ModelFormatException or TrainingDataException or GenerationException or ArgumentException)
        {
            await error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (ExecutionException ex)
        {
            await error.WriteLineAsync($"error [{ex.ErrorCode.ToName()}]: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Runtime;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }

    /// <summary>The shipped model the configuration points at (as <c>gateway ask</c> finds it).</summary>
    private static string? BaseModel(ConfiguredDefaults defaults, string? configFile)
    {
        var folder = configFile is null ? Directory.GetCurrentDirectory() : Path.GetDirectoryName(configFile)!;
        var configured = defaults.Options.Ask.DefaultModel is { } path ? Path.GetFullPath(path, folder) : null;
        return DefaultModelLocator.Find(configured, Directory.GetCurrentDirectory(), AppContext.BaseDirectory);
    }

    private static async Task<SourceDescriptor> OpenAsync(string given, ConfiguredDefaults defaults, string dataDirectory, CancellationToken cancellationToken)
    {
        if (given.Contains('=', StringComparison.Ordinal))
        {
            return SourceSpecParser.Parse(given);
        }

        if (given.Equals(DemoDatabase.SourceName, StringComparison.OrdinalIgnoreCase))
        {
            return await DemoDatabase.EnsureAsync(dataDirectory, cancellationToken).ConfigureAwait(false);
        }

        return SourceResolver.Parse(defaults.Options.Sources).FirstOrDefault(s => s.Name.Equals(given, StringComparison.OrdinalIgnoreCase))
            ?? throw new SourceSpecException($"no source is named '{given}': give NAME=PROVIDER:CONNECTION_STRING, 'demo', or a name from the configuration file's sources.");
    }

    /// <summary>Trains into a staging folder beside <paramref name="folder"/> and then swaps it in, so a running generator never sees half-written files.</summary>
    private static async Task<T> WriteAtomicallyAsync<T>(string folder, Func<string, Task<T>> write)
    {
        var parent = Path.GetDirectoryName(Path.GetFullPath(folder))!;
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(folder)}.staging-{Guid.NewGuid():N}");
        try
        {
            var result = await write(staging).ConfigureAwait(false);
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            Directory.Move(staging, folder);
            return result;
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }
}
