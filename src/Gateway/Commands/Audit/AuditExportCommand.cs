using System.CommandLine;
using Gateway.Audit.Export;
using Gateway.Cli;

namespace Gateway.Commands.Audit;

/// <summary><c>gateway audit export</c>: every matching record, oldest first, streamed to stdout or a file.</summary>
internal sealed class AuditExportCommand : IGatewayCommand
{
    private readonly AuditFilterOptions _filters = new();
    private readonly Option<string> _format = new("--format") { Description = "jsonl or csv.", DefaultValueFactory = _ => "jsonl" };
    private readonly Option<FileInfo?> _output = new("--output") { Description = "Write to this file instead of stdout." };

    public Command Build(GlobalOptions globals)
    {
        var command = new Command("export", "Export audit records as JSON lines or CSV.") { _format, _output };
        _format.AcceptOnlyFromAmong("jsonl", "csv");
        _filters.AddTo(command);
        command.SetAction((parse, cancellationToken) => RunAsync(parse, globals, cancellationToken));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, GlobalOptions globals, CancellationToken cancellationToken)
    {
        var error = parse.InvocationConfiguration.Error;
        var filter = _filters.Read(parse, out var filterError);
        if (filter is null || !AuditExportFormats.TryParse(parse.GetValue(_format), out var format))
        {
            await error.WriteLineAsync($"error: {filterError ?? "--format must be jsonl or csv."}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        return await AuditTrailAccess.ReadAsync(parse, globals, async (store, location) =>
        {
            if (store is null)
            {
                await error.WriteLineAsync($"error: no audit trail at {location}.").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var records = store.ReadAsync(filter, cancellationToken);
            if (parse.GetValue(_output) is { } file)
            {
                var stream = file.Create();
                await using (stream.ConfigureAwait(false))
                {
                    await AuditExporter.WriteAsync(records, format, stream, cancellationToken).ConfigureAwait(false);
                }
            }
            else
            {
                await AuditExporter.WriteAsync(records, format, parse.InvocationConfiguration.Output, cancellationToken).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }, cancellationToken).ConfigureAwait(false);
    }
}
