using System.CommandLine;
using Gateway.Cli;
using Gateway.Execution.Sources;

namespace Gateway.Commands.Knowledge;

/// <summary><c>gateway knowledge delete --source S ID</c>. The command line has the data directory, so it acts as admin.</summary>
internal sealed class KnowledgeDeleteCommand : IGatewayCommand
{
    private readonly Option<string> _source = new("--source") { Description = "The source's name (or NAME=PROVIDER:CONNECTION_STRING).", Required = true };
    private readonly Argument<string> _id = new("id") { Description = "The item's id, as knowledge list shows it." };

    public Command Build(GlobalOptions globals)
    {
        var command = new Command("delete", "Delete one knowledge item.") { _source, _id };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, globals, cancellationToken));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, GlobalOptions globals, CancellationToken cancellationToken)
    {
        var error = parse.InvocationConfiguration.Error;
        var id = parse.GetValue(_id)!;
        var environment = GatewayEnvironment.Resolve(parse, globals);
        var deleted = false;
        string name;
        try
        {
            var defaults = await environment.LoadDefaultsAsync(cancellationToken).ConfigureAwait(false);
            name = KnowledgeTarget.Resolve(parse.GetValue(_source)!, defaults, needDialect: false).Name;
            if (Directory.Exists(environment.DataDirectory))
            {
                await using var session = await KnowledgeSession.OpenAsync(environment, defaults, embed: false, cancellationToken).ConfigureAwait(false);
                deleted = await session.Service.DeleteAsync(name, id, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is SourceSpecException or Configuration.ConfigurationFileException)
        {
            await error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (!deleted)
        {
            await error.WriteLineAsync($"error: source '{name}' has no knowledge item '{id}'.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        await parse.InvocationConfiguration.Output.WriteLineAsync($"deleted {id}").ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
