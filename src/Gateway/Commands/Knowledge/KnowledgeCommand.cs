using System.CommandLine;
using Gateway.Cli;

namespace Gateway.Commands.Knowledge;

/// <summary><c>gateway knowledge</c>: add, list and delete a source's docs, DDL notes and question-SQL pairs.</summary>
internal sealed class KnowledgeCommand : IGatewayCommand
{
    public Command Build(GlobalOptions globals)
    {
        var command = new Command("knowledge", "Manage a source's knowledge: documentation, DDL notes and question-SQL pairs the context stage retrieves.");
        command.Subcommands.Add(new KnowledgeAddCommand().Build(globals));
        command.Subcommands.Add(new KnowledgeListCommand().Build(globals));
        command.Subcommands.Add(new KnowledgeDeleteCommand().Build(globals));
        return command;
    }
}
