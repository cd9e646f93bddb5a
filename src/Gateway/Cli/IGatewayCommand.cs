using System.CommandLine;

namespace Gateway.Cli;

/// <summary>One subcommand: it builds its <see cref="Command"/> given the shared global options.</summary>
internal interface IGatewayCommand
{
    Command Build(GlobalOptions globals);
}
