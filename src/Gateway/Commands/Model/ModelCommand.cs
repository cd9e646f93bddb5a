using System.CommandLine;
using Gateway.Cli;

namespace Gateway.Commands.Model;

/// <summary><c>gateway model ...</c>: create and run local models.</summary>
internal sealed class ModelCommand : IGatewayCommand
{
    public Command Build(GlobalOptions globals)
    {
        var command = new Command("model", "Create and run local models (Hugging Face folders: config.json, safetensors, tokenizer.json).");
        command.Subcommands.Add(new ModelInitCommand().Build(globals));
        command.Subcommands.Add(new ModelGenerateCommand().Build(globals));
        return command;
    }
}
