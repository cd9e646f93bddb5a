using System.CommandLine;
using Gateway.Audit.Export;
using Gateway.Cli;

namespace Gateway.Commands.Audit;

/// <summary><c>gateway audit verify</c>: exit 0 when the whole chain holds, 3 when it is broken, naming the first bad record.</summary>
internal sealed class AuditVerifyCommand : IGatewayCommand
{
    public Command Build(GlobalOptions globals)
    {
        var command = new Command("verify", "Walk the hash chain. Exit 0 intact, 3 broken (the first broken record is printed).");
        command.SetAction((parse, cancellationToken) => RunAsync(parse, globals, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, GlobalOptions globals, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var environment = GatewayEnvironment.Resolve(parse, globals);
        if (!AuditTrailFile.Exists(environment, out var path))
        {
            await output.WriteLineAsync($"intact: no audit trail yet ({path})").ConfigureAwait(false);
            return ExitCodes.Success;
        }

        await using var stores = GovernanceStores.Open(environment);
        var result = await stores.Audit.VerifyAsync(cancellationToken).ConfigureAwait(false);
        if (result.Intact)
        {
            await output.WriteLineAsync($"intact: {result.RecordsChecked} records verified ({path})").ConfigureAwait(false);
            return ExitCodes.Success;
        }

        await output.WriteLineAsync($"BROKEN at record {result.BrokenId}: {result.Reason}").ConfigureAwait(false);
        await output.WriteLineAsync($"{result.RecordsChecked} records before it verified.").ConfigureAwait(false);
        if (await stores.Audit.GetAsync(result.BrokenId!.Value, cancellationToken).ConfigureAwait(false) is { } record)
        {
            await output.WriteLineAsync(AuditRecordJson.Serialize(record)).ConfigureAwait(false);
        }

        return ExitCodes.Rejected;
    }
}
