using System.CommandLine;
using Gateway.Cli;
using Gateway.Commands.Eval;

namespace Gateway.Commands;

/// <summary><c>gateway eval</c>: benchmark harnesses, one subcommand each.</summary>
internal sealed class EvalCommand : IGatewayCommand
{
    public Command Build(GlobalOptions globals)
    {
        var command = new Command("eval", "Score text-to-SQL predictions on a benchmark, or a local model on Spider-format rows.");
        command.Subcommands.Add(new EvalSpiderCommand().Build(globals));
        command.Subcommands.Add(new EvalModelCommand().Build(globals));
        command.Subcommands.Add(new EvalDemoCommand().Build(globals));
        command.Subcommands.Add(new EvalAskCommand().Build(globals));
        return command;
    }
}
