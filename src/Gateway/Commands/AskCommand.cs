using System.CommandLine;
using System.Text;
using Gateway.Ask;
using Gateway.Cli;
using Gateway.Commands.Results;
using Gateway.Commands.Sources;
using Gateway.Configuration;
using Gateway.Execution;
using Gateway.Execution.Sources;
using Gateway.Sql.Policy;

namespace Gateway.Commands;

/// <summary>
/// <c>gateway ask</c>: one question in plain language on one source, through the same pipeline as <c>/v1/ask</c>
/// (generators from the configuration file's <c>ask</c> section). Exit 0 with an answer, 3 when the policy rejected
/// every candidate, 4 when no query could be run (no generator configured, the model refused, the source or the
/// generator failed), 2 for usage errors.
/// </summary>
internal sealed class AskCommand : IGatewayCommand
{
    private readonly SourceOptions _sources = new();
    private readonly Argument<string> _question = new("question") { Description = "The question, in plain language." };
    private readonly Option<string?> _generator = new("--generator") { Description = "A generator configured under ask.generators (default: the configured default)." };
    private readonly Option<FileInfo?> _policy = new("--policy") { Description = "Policy file (YAML or JSON); default: the configuration file's policy, else the built-in policy." };
    private readonly Option<bool> _json = new("--json") { Description = "Print one JSON object, the same as POST /v1/ask returns." };

    public Command Build(GlobalOptions globals)
    {
        ArgumentNullException.ThrowIfNull(globals);
        var command = new Command("ask", "Ask a question about a source in plain language (default: the demo database). Exit 0 answered, 2 usage, 3 rejected by policy, 4 not answered.")
        {
            _question, _generator, _policy, _json,
        };
        _sources.AddTo(command);
        command.SetAction((parse, cancellationToken) => RunAsync(parse, globals, cancellationToken));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, GlobalOptions globals, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        var environment = GatewayEnvironment.Resolve(parse, globals);
        var question = parse.GetValue(_question)!;
        if (string.IsNullOrWhiteSpace(question))
        {
            await error.WriteLineAsync("error: the question is empty.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        SourceDescriptor? chosen;
        SqlPolicy policy;
        AskOptions options;
        Gateway.Generation.SqlGeneratorCatalog generators;
        Gateway.Context.ContextOptions context;
        Gateway.Audit.AuditStoreOptions audit;
        try
        {
            var defaults = await environment.LoadDefaultsAsync(cancellationToken).ConfigureAwait(false);
            chosen = SourceResolver.Choose(SourceResolver.Parse(defaults.Sources(_sources.Specs(parse))), parse.GetValue(_sources.Use));
            policy = defaults.PolicyFile(parse.GetValue(_policy)) is { } policyFile
                ? await SqlPolicyLoader.LoadFileAsync(policyFile, cancellationToken).ConfigureAwait(false)
                : SqlPolicyLoader.LoadDefault();
            (options, generators) = await AskConfiguration.BuildAsync(defaults.Options.Ask, environment.ConfigFile, environment.DataDirectory, cancellationToken).ConfigureAwait(false);
            context = defaults.Options.Context.ToOptions(environment.DataDirectory, environment.ConfigFile);
            audit = defaults.Audit();
        }
        catch (Exception ex) when (ex is SourceSpecException or PolicyException or ConfigurationFileException)
        {
            await error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (Gateway.Audit.AuditStores.Problem(audit) is { } auditProblem)
        {
            await error.WriteLineAsync($"error: {auditProblem}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        try
        {
            var source = await SourceResolver.OpenAsync(chosen, environment.EnsureDataDirectory(), cancellationToken).ConfigureAwait(false);
            await using var services = AskServices.Create(environment.DataDirectory, policy, options, generators, context, audit);
            var result = await services.Pipeline.AskAsync(new AskRequest
            {
                Source = source,
                Question = question,
                Principal = "cli",
                Generator = parse.GetValue(_generator),
            }, cancellationToken: cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync(parse.GetValue(_json) ? AskResultJson.Serialize(result) : Text(result)).ConfigureAwait(false);
            return result.Verdict switch
            {
                AskVerdict.Allowed or AskVerdict.None when result.Code is null => ExitCodes.Success,
                AskVerdict.Rejected => ExitCodes.Rejected,
                _ => ExitCodes.Runtime,
            };
        }
        catch (AskException ex)
        {
            await error.WriteLineAsync($"error [{ex.Code}]: {ex.Message}").ConfigureAwait(false);
            return ex.Code == AskErrorCodes.UnknownGenerator ? ExitCodes.Usage : ExitCodes.Runtime;
        }
        catch (ExecutionException ex)
        {
            await error.WriteLineAsync($"error [{ex.ErrorCode.ToName()}]: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Runtime;
        }
        catch (IOException ex)
        {
            await error.WriteLineAsync($"error: the data directory is not usable: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Runtime;
        }
    }

    private static string Text(AskResult result)
    {
        var text = new StringBuilder();
        if (result.Sql is { } sql)
        {
            text.AppendLine(sql).AppendLine()
                .AppendLine(ResultText.Format(result.Columns, result.Rows, result.Truncated, TimeSpan.FromMilliseconds(result.TimingsMs.GetValueOrDefault("execute"))));
            if (result.Analysis is { } analysis)
            {
                text.AppendLine().AppendJoin(" ", analysis.Summary.Sentences).AppendLine();
                if (analysis.Written is { } written)
                {
                    text.AppendLine().AppendLine(written);
                }
            }
        }
        else
        {
            if (result.Code is { } code)
            {
                text.Append('[').Append(code).Append("] ");
            }

            text.AppendLine(result.Answer ?? result.Error ?? "");
            if (result.GeneratedSql is { } generated)
            {
                text.AppendLine().AppendLine("Last SQL tried:").AppendLine(generated);
            }
        }

        return text.ToString().TrimEnd();
    }
}
