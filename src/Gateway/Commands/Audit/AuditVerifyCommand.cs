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

    private static Task<int> RunAsync(ParseResult parse, GlobalOptions globals, CancellationToken cancellationToken) =>
        AuditTrailAccess.ReadAsync(parse, globals, async (store, location) =>
        {
            var output = parse.InvocationConfiguration.Output;
            if (store is null)
            {
                await output.WriteLineAsync($"intact: no audit trail yet ({location})").ConfigureAwait(false);
                return ExitCodes.Success;
            }

            var result = await store.VerifyAsync(cancellationToken).ConfigureAwait(false);
            if (result.Intact)
            {
                await output.WriteLineAsync($"intact: {result.RecordsChecked} records verified ({location})").ConfigureAwait(false);
                return ExitCodes.Success;
            }

            await output.WriteLineAsync($"BROKEN at record {result.BrokenId}: {result.Reason}").ConfigureAwait(false);
            await output.WriteLineAsync($"{result.RecordsChecked} records before it verified.").ConfigureAwait(false);
            if (await store.GetAsync(result.BrokenId!.Value, cancellationToken).ConfigureAwait(false) is { } record)
            {
                await output.WriteLineAsync(AuditRecordJson.Serialize(record)).ConfigureAwait(false);
            }

            return ExitCodes.Rejected;
        }, cancellationToken);
}
