using System.CommandLine;
using System.Text;
using Gateway.Cli;
using Gateway.Commands.Results;
using Gateway.Commands.Sources;
using Gateway.Execution;
using Gateway.Execution.Results;
using Gateway.Execution.Sources;
using Gateway.Presentation.Charts;
using Gateway.Sql.Policy;

namespace Gateway.Commands;

/// <summary>
/// <c>gateway sql</c>: validates SQL against the policy, then runs the validator's rewritten SQL on one source in
/// a read-only transaction. Exit 0 with rows, 3 when the policy rejects (the source is not touched), 4 when the
/// source is unreachable or the query fails, 2 for usage errors.
/// </summary>
internal sealed class SqlCommand : IGatewayCommand
{
    private readonly SourceOptions _sources = new();
    private readonly Argument<string> _sql = new("sql") { Description = "The SQL to run (one read-only statement)." };
    private readonly Option<FileInfo?> _policy = new("--policy") { Description = "Policy file (YAML or JSON); default: the configuration file's policy, else the built-in default policy." };
    private readonly Option<bool> _json = new("--json") { Description = "Print one JSON object: {sql, source, columns, rows, row_count, truncated, chart, elapsed_ms}." };
    private readonly Option<double> _timeout = new("--timeout") { Description = "Seconds the query may run (enforced by the engine too).", DefaultValueFactory = _ => 30 };

    public Command Build(GlobalOptions globals)
    {
        ArgumentNullException.ThrowIfNull(globals);
        var command = new Command("sql", "Validate and run one read-only SQL statement on a source (default: the demo database). Exit 0 ok, 2 usage, 3 rejected by policy, 4 source or query error.")
        {
            _sql, _policy, _json, _timeout,
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
        var sql = parse.GetValue(_sql)!;
        var timeout = parse.GetValue(_timeout);
        if (timeout <= 0 || double.IsNaN(timeout))
        {
            await error.WriteLineAsync("error: --timeout must be a positive number of seconds.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        SourceDescriptor? chosen;
        SqlPolicy policy;
        try
        {
            // Flags win; the configuration file's sources and policy fill in for absent ones.
            var defaults = await environment.LoadDefaultsAsync(cancellationToken).ConfigureAwait(false);
            chosen = SourceResolver.Choose(SourceResolver.Parse(defaults.Sources(_sources.Specs(parse))), parse.GetValue(_sources.Use));
            policy = defaults.PolicyFile(parse.GetValue(_policy)) is { } policyFile
                ? await SqlPolicyLoader.LoadFileAsync(policyFile, cancellationToken).ConfigureAwait(false)
                : SqlPolicyLoader.LoadDefault();
        }
        catch (Exception ex) when (ex is SourceSpecException or PolicyException or Configuration.ConfigurationFileException)
        {
            await error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        // Judged before any connection: a rejected statement never reaches the source.
        var path = new SqlExecutionPath(policy);
        var verdict = path.Validate(sql, SqlExecutionPath.DialectOf(chosen?.Provider ?? SourceProvider.Sqlite));
        if (!verdict.Allowed)
        {
            await output.WriteLineAsync(parse.GetValue(_json) ? VerdictJson.Serialize(verdict) : VerdictText.Format(verdict)).ConfigureAwait(false);
            return ExitCodes.Rejected;
        }

        try
        {
            var source = await SourceResolver.OpenAsync(chosen, environment.DataDirectory, cancellationToken).ConfigureAwait(false);
            var sink = new BufferedResultSink();
            var summary = await path.ExecuteAsync(source, verdict, sink, new SqlRunLimits { Timeout = TimeSpan.FromSeconds(timeout) }, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(_json))
            {
                var chart = new ChartSelector().Select(summary.Columns, sink.Rows);
                using var buffer = new MemoryStream();
                await SqlResultJson.WriteAsync(buffer, verdict.Sql!, source.Name, sink, summary, chart, cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync(Encoding.UTF8.GetString(buffer.ToArray())).ConfigureAwait(false);
            }
            else
            {
                await output.WriteLineAsync(ResultText.Format(summary.Columns, sink.Rows, summary.Truncated, summary.Elapsed)).ConfigureAwait(false);
            }

            return ExitCodes.Success;
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
}
