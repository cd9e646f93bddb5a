using System.CommandLine;
using Gateway.Cli;

namespace Gateway.Commands.Audit;

/// <summary><c>gateway audit</c>: verify, list, show and export the audit trail in <c>&lt;data-dir&gt;/audit.db</c>.</summary>
internal sealed class AuditCommand : IGatewayCommand
{
    public Command Build(GlobalOptions globals)
    {
        var command = new Command("audit", "Read and verify the tamper-evident audit trail.");
        command.Subcommands.Add(new AuditVerifyCommand().Build(globals));
        command.Subcommands.Add(new AuditListCommand().Build(globals));
        command.Subcommands.Add(new AuditShowCommand().Build(globals));
        command.Subcommands.Add(new AuditExportCommand().Build(globals));
        return command;
    }
}
