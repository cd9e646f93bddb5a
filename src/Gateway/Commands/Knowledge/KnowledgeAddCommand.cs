using System.CommandLine;
using Gateway.Cli;
using Gateway.Context.Knowledge;
using Gateway.Execution.Sources;
using Gateway.Sql.Policy;

namespace Gateway.Commands.Knowledge;

/// <summary>
/// <c>gateway knowledge add --source S (--doc TEXT | --ddl TEXT | --question Q --sql SQL | --file F.jsonl)</c>.
/// A pair's SQL is validated for the source's dialect first; exit 3 names the rule that rejected it, and a file
/// with one bad item adds nothing.
/// </summary>
internal sealed class KnowledgeAddCommand : IGatewayCommand
{
    private readonly Option<string> _source = new("--source") { Description = "The source: its name (demo, or one from the configuration file) or NAME=PROVIDER:CONNECTION_STRING.", Required = true };
    private readonly Option<string?> _doc = new("--doc") { Description = "A documentation snippet." };
    private readonly Option<string?> _ddl = new("--ddl") { Description = "A note about the schema." };
    private readonly Option<string?> _question = new("--question") { Description = "A question (with --sql)." };
    private readonly Option<string?> _sql = new("--sql") { Description = "The SQL that answers --question." };
    private readonly Option<FileInfo?> _file = new("--file") { Description = "A JSONL file: {\"text\"} (doc), {\"kind\":\"ddl\",\"text\"} or {\"question\",\"sql\"} per line." };
    private readonly Option<bool> _noEmbed = new("--no-embed") { Description = "Store without sentence vectors (they are computed on first retrieval instead)." };
    private readonly Option<bool> _json = new("--json") { Description = "Print the added items as a JSON array." };

    public Command Build(GlobalOptions globals)
    {
        var command = new Command("add", "Add documentation, a DDL note, a question-SQL pair or a JSONL file of them. Exit 0 ok, 2 usage, 3 SQL rejected by policy.")
        {
            _source, _doc, _ddl, _question, _sql, _file, _noEmbed, _json,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, globals, cancellationToken));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, GlobalOptions globals, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        var environment = GatewayEnvironment.Resolve(parse, globals);
        var given = new[] { parse.GetValue(_doc) is not null, parse.GetValue(_ddl) is not null, parse.GetValue(_question) is not null || parse.GetValue(_sql) is not null, parse.GetValue(_file) is not null }.Count(g => g);
        if (given != 1)
        {
            await error.WriteLineAsync("error: give exactly one of --doc, --ddl, --question with --sql, or --file.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        IReadOnlyList<KnowledgeItem> added;
        try
        {
            var defaults = await environment.LoadDefaultsAsync(cancellationToken).ConfigureAwait(false);
            var target = KnowledgeTarget.Resolve(parse.GetValue(_source)!, defaults, needDialect: true);
            var drafts = parse.GetValue(_file) is { } file
                ? await KnowledgeLines.ReadAsync(file.FullName, cancellationToken).ConfigureAwait(false)
                : [Draft(parse)];
            environment.EnsureDataDirectory();
            await using var session = await KnowledgeSession.OpenAsync(environment, defaults, embed: !parse.GetValue(_noEmbed), cancellationToken).ConfigureAwait(false);
            added = await session.Service.AddManyAsync(target.Name, target.Dialect!.Value, drafts, KnowledgeSession.Author, cancellationToken).ConfigureAwait(false);
        }
        catch (KnowledgeSqlRejectedException ex)
        {
            await error.WriteLineAsync($"rejected [{ex.Rule}]: {ex.Reason}").ConfigureAwait(false);
            return ExitCodes.Rejected;
        }
        catch (Exception ex) when (ex is KnowledgeException or SourceSpecException or PolicyException or Configuration.ConfigurationFileException or FileNotFoundException)
        {
            await error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (parse.GetValue(_json))
        {
            await output.WriteLineAsync(KnowledgeJson.Serialize(added)).ConfigureAwait(false);
        }
        else
        {
            foreach (var item in added)
            {
                await output.WriteLineAsync($"added {item.Id} ({item.Kind.ToName()}) to {item.Source}").ConfigureAwait(false);
            }
        }

        return ExitCodes.Success;
    }

    private KnowledgeDraft Draft(ParseResult parse) => parse.GetValue(_ddl) is { } ddl
        ? KnowledgeDraft.FromFields("ddl", ddl, null, null)
        : KnowledgeDraft.FromFields(null, parse.GetValue(_doc), parse.GetValue(_question), parse.GetValue(_sql));
}
