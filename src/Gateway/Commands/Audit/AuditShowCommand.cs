using System.CommandLine;
using Gateway.Audit.Export;
using Gateway.Cli;

namespace Gateway.Commands.Audit;

/// <summary><c>gateway audit show ID</c>: one record, every field, as JSON.</summary>
internal sealed class AuditShowCommand : IGatewayCommand
{
    private readonly Argument<long> _id = new("id") { Description = "The record's id." };

    public Command Build(GlobalOptions globals)
    {
        var command = new Command("show", "Print one audit record as JSON.") { _id };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, globals, cancellationToken));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, GlobalOptions globals, CancellationToken cancellationToken)
    {
        var id = parse.GetValue(_id);
        var environment = GatewayEnvironment.Resolve(parse, globals);
        if (AuditTrailFile.Exists(environment, out _))
        {
            await using var stores = GovernanceStores.Open(environment);
            if (await stores.Audit.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } record)
            {
                await parse.InvocationConfiguration.Output.WriteLineAsync(AuditRecordJson.Serialize(record)).ConfigureAwait(false);
                return ExitCodes.Success;
            }
        }

        await parse.InvocationConfiguration.Error.WriteLineAsync($"error: no audit record has id {id}.").ConfigureAwait(false);
        return ExitCodes.Usage;
    }
}
