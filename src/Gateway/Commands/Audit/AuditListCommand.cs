using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Gateway.Audit.Export;
using Gateway.Audit.Trail;
using Gateway.Cli;

namespace Gateway.Commands.Audit;

/// <summary><c>gateway audit list</c>: one page of records, newest first, with the cursor for the next.</summary>
internal sealed class AuditListCommand : IGatewayCommand
{
    private readonly AuditFilterOptions _filters = new();
    private readonly Option<int> _limit = new("--limit") { Description = "Records per page (1-1000).", DefaultValueFactory = _ => 50 };
    private readonly Option<string?> _cursor = new("--cursor") { Description = "Continue after a previous page (its next cursor)." };
    private readonly Option<bool> _json = new("--json") { Description = "Print {\"records\":[...],\"nextCursor\"} as JSON." };

    public Command Build(GlobalOptions globals)
    {
        var command = new Command("list", "List audit records, newest first.") { _limit, _cursor, _json };
        _filters.AddTo(command);
        command.SetAction((parse, cancellationToken) => RunAsync(parse, globals, cancellationToken));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, GlobalOptions globals, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        var filter = _filters.Read(parse, out var filterError);
        var limit = parse.GetValue(_limit);
        if (filter is null || limit is < 1 or > 1000)
        {
            await error.WriteLineAsync($"error: {filterError ?? "--limit must be 1 to 1000."}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        return await AuditTrailAccess.ReadAsync(parse, globals, async (store, _) =>
        {
            var page = new AuditPage([], null);
            if (store is not null)
            {
                try
                {
                    page = await store.QueryAsync(filter, parse.GetValue(_cursor), limit, cancellationToken).ConfigureAwait(false);
                }
                catch (FormatException ex)
                {
                    await error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
                    return ExitCodes.Usage;
                }
            }

            await PrintAsync(parse, output, page).ConfigureAwait(false);
            return ExitCodes.Success;
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task PrintAsync(ParseResult parse, TextWriter output, AuditPage page)
    {
        if (parse.GetValue(_json))
        {
            await output.WriteLineAsync(Json(page)).ConfigureAwait(false);
            return;
        }

        foreach (var r in page.Records)
        {
            var what = r.Verdict switch
            {
                AuditVerdict.Rejected => $"rejected [{r.Rule}]",
                AuditVerdict.Error => $"error [{r.ErrorCode}]",
                _ => "allowed",
            };
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{r.Id,6}  {r.Time.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z  {r.Principal}  {r.Source}  {what}  {r.DurationMs:0.#} ms")).ConfigureAwait(false);
        }

        if (page.NextCursor is { } next)
        {
            await output.WriteLineAsync($"more: --cursor {next}").ConfigureAwait(false);
        }
    }

    private static string Json(AuditPage page)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("records");
            foreach (var record in page.Records)
            {
                AuditRecordJson.Write(writer, record);
            }

            writer.WriteEndArray();
            writer.WriteString("nextCursor", page.NextCursor);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
