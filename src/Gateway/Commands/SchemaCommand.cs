using System.CommandLine;
using Gateway.Cli;
using Gateway.Commands.Sources;
using Gateway.Execution;
using Gateway.Execution.Schema;
using Gateway.Execution.Sources;

namespace Gateway.Commands;

/// <summary>
/// <c>gateway schema</c>: introspects a source (default: the demo database) and prints the model as JSON or as
/// CREATE TABLE DDL in the source's dialect. Models are cached under the data directory; --refresh rereads.
/// </summary>
internal sealed class SchemaCommand : IGatewayCommand
{
    private readonly SourceOptions _sources = new();
    private readonly Option<string> _format = new("--format") { Description = "json or ddl.", DefaultValueFactory = _ => "json" };
    private readonly Option<bool> _refresh = new("--refresh") { Description = "Read the schema again instead of using the cached one." };
    private readonly Option<bool> _noSamples = new("--no-samples") { Description = "Do not read sample values of low-cardinality text columns." };

    public Command Build(GlobalOptions globals)
    {
        ArgumentNullException.ThrowIfNull(globals);
        var command = new Command("schema", "Show a source's tables, views, columns, keys, comments, row estimates and sample values, as JSON or DDL.")
        {
            _format, _refresh, _noSamples,
        };
        _format.AcceptOnlyFromAmong("json", "ddl");
        _sources.AddTo(command);
        command.SetAction((parse, cancellationToken) => RunAsync(parse, globals, cancellationToken));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, GlobalOptions globals, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        var environment = GatewayEnvironment.Resolve(parse, globals);
        SourceDescriptor? chosen;
        try
        {
            var defaults = await environment.LoadDefaultsAsync(cancellationToken).ConfigureAwait(false);
            chosen = SourceResolver.Choose(SourceResolver.Parse(defaults.Sources(_sources.Specs(parse))), parse.GetValue(_sources.Use));
        }
        catch (Exception ex) when (ex is SourceSpecException or Configuration.ConfigurationFileException)
        {
            await error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        try
        {
            var source = await SourceResolver.OpenAsync(chosen, environment.DataDirectory, cancellationToken).ConfigureAwait(false);
            var sampling = new IntrospectionOptions { SampleValues = !parse.GetValue(_noSamples) };
            var cache = new SchemaCache(Path.Combine(environment.EnsureDataDirectory(), "schema-cache"));
            var model = await cache.GetAsync(source, parse.GetValue(_refresh), sampling, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync(parse.GetValue(_format) == "ddl" ? SchemaDdlWriter.Write(model, source.Provider) : SchemaJson.Serialize(model)).ConfigureAwait(false);
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
