using System.CommandLine;
using Gateway.Cli;

namespace Gateway.Commands.Keys;

/// <summary><c>gateway keys revoke ID</c>: a running server refuses the key from its next request.</summary>
internal sealed class KeysRevokeCommand : IGatewayCommand
{
    private readonly Argument<string> _id = new("id") { Description = "The key's id, as keys list shows it." };

    public Command Build(GlobalOptions globals)
    {
        var command = new Command("revoke", "Revoke an API key.") { _id };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, globals, cancellationToken));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, GlobalOptions globals, CancellationToken cancellationToken)
    {
        var id = parse.GetValue(_id)!;
        var environment = GatewayEnvironment.Resolve(parse, globals);
        var revoked = false;
        if (Directory.Exists(environment.DataDirectory))
        {
            await using var stores = GovernanceStores.Open(environment);
            revoked = await stores.Keys.RevokeAsync(id, cancellationToken).ConfigureAwait(false);
        }

        if (!revoked)
        {
            await parse.InvocationConfiguration.Error.WriteLineAsync($"error: no key has id '{id}'.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        await parse.InvocationConfiguration.Output.WriteLineAsync($"revoked {id}").ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
