using System.CommandLine;
using System.Globalization;
using Gateway.Cli;
using Gateway.Context.Knowledge;
using Gateway.Execution.Sources;

namespace Gateway.Commands.Knowledge;

/// <summary><c>gateway knowledge list --source S</c>: every item, oldest first.</summary>
internal sealed class KnowledgeListCommand : IGatewayCommand
{
    private readonly Option<string> _source = new("--source") { Description = "The source's name (or NAME=PROVIDER:CONNECTION_STRING).", Required = true };
    private readonly Option<bool> _json = new("--json") { Description = "Print a JSON array." };

    public Command Build(GlobalOptions globals)
    {
        var command = new Command("list", "List a source's knowledge items, oldest first.") { _source, _json };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, globals, cancellationToken));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, GlobalOptions globals, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var environment = GatewayEnvironment.Resolve(parse, globals);
        IReadOnlyList<KnowledgeItem> items = [];
        try
        {
            var defaults = await environment.LoadDefaultsAsync(cancellationToken).ConfigureAwait(false);
            var target = KnowledgeTarget.Resolve(parse.GetValue(_source)!, defaults, needDialect: false);
            if (Directory.Exists(environment.DataDirectory))
            {
                await using var session = await KnowledgeSession.OpenAsync(environment, defaults, embed: false, cancellationToken).ConfigureAwait(false);
                items = await session.Service.ListAsync(target.Name, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is SourceSpecException or Configuration.ConfigurationFileException)
        {
            await parse.InvocationConfiguration.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (parse.GetValue(_json))
        {
            await output.WriteLineAsync(KnowledgeJson.Serialize(items)).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        foreach (var item in items)
        {
            var what = item.Kind == KnowledgeKind.QuestionSql ? $"{item.Question} => {item.Sql}" : item.Content;
            var created = item.Created.UtcDateTime.ToString("u", CultureInfo.InvariantCulture);
            await output.WriteLineAsync($"{item.Id}  {item.Kind.ToName(),-4}  {item.Author}  {created}  {what?.ReplaceLineEndings(" ")}").ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }
}
