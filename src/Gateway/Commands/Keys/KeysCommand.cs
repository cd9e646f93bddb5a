using System.CommandLine;
using Gateway.Cli;

namespace Gateway.Commands.Keys;

/// <summary><c>gateway keys</c>: create, list and revoke API keys in <c>&lt;data-dir&gt;/keys.db</c>.</summary>
internal sealed class KeysCommand : IGatewayCommand
{
    public Command Build(GlobalOptions globals)
    {
        var command = new Command("keys", "Manage API keys: each is bound to a principal name, roles and sources, shown once, stored hashed.");
        command.Subcommands.Add(new KeysCreateCommand().Build(globals));
        command.Subcommands.Add(new KeysListCommand().Build(globals));
        command.Subcommands.Add(new KeysRevokeCommand().Build(globals));
        return command;
    }
}
