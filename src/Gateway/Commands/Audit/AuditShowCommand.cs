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

    private Task<int> RunAsync(ParseResult parse, GlobalOptions globals, CancellationToken cancellationToken) =>
        AuditTrailAccess.ReadAsync(parse, globals, async (store, _) =>
        {
            var id = parse.GetValue(_id);
            if (store is not null && await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } record)
            {
                await parse.InvocationConfiguration.Output.WriteLineAsync(AuditRecordJson.Serialize(record)).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            await parse.InvocationConfiguration.Error.WriteLineAsync($"error: no audit record has id {id}.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }, cancellationToken);
}
