using System.CommandLine;
using Gateway.Cli;

namespace Gateway.Commands.Bench;

/// <summary><c>gateway bench ...</c>: measurements anyone can rerun; each reports ratios measured in one run.</summary>
internal sealed class BenchCommand : IGatewayCommand
{
    public Command Build(GlobalOptions globals)
    {
        var command = new Command("bench", "Measure the gateway on this machine (figures are ratios measured in one run).");
        command.Subcommands.Add(new ValidateBenchmarkCommand().Build(globals));
        command.Subcommands.Add(new SqlBenchmarkCommand().Build(globals));
        command.Subcommands.Add(new ModelBenchmarkCommand().Build(globals));
        command.Subcommands.Add(new HttpBenchmarkCommand().Build(globals));
        command.Subcommands.Add(new UpstreamBenchmarkCommand().Build(globals));
        command.Subcommands.Add(new ChatBenchmarkCommand().Build(globals));
        command.Subcommands.Add(new AskBenchmarkCommand().Build(globals));
        return command;
    }
}
