using System.CommandLine;
using System.Text.Json;
using Gateway.Audit.Keys;
using Gateway.Cli;

namespace Gateway.Commands.Keys;

/// <summary><c>gateway keys create</c>: prints the new key once; only its hash is kept.</summary>
internal sealed class KeysCreateCommand : IGatewayCommand
{
    private readonly Option<string> _name = new("--name") { Description = "Principal name the key acts as (recorded in the audit trail).", Required = true };
    private readonly Option<string> _roles = new("--roles") { Description = "Comma-separated roles: reader, analyst, auditor, admin.", Required = true };
    private readonly Option<string> _sources = new("--sources") { Description = "Comma-separated source names the key may use; * for all.", DefaultValueFactory = _ => "*" };
    private readonly Option<bool> _json = new("--json") { Description = "Print {\"id\",\"key\"} as JSON." };

    public Command Build(GlobalOptions globals)
    {
        var command = new Command("create", "Create an API key and print it once.") { _name, _roles, _sources, _json };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, globals, cancellationToken));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, GlobalOptions globals, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        var name = parse.GetValue(_name)!.Trim();
        if (name.Length == 0)
        {
            await error.WriteLineAsync("error: --name must not be empty.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (!GatewayRoleNames.TryParse(parse.GetValue(_roles), out var roles, out var unknown))
        {
            await error.WriteLineAsync($"error: unknown role '{unknown}'; use {string.Join(", ", GatewayRoleNames.All)}.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        string[] sources = parse.GetValue(_sources)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (sources.Length == 0)
        {
            await error.WriteLineAsync("error: --sources needs at least one source name, or *.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var environment = GatewayEnvironment.Resolve(parse, globals);
        environment.EnsureDataDirectory();
        await using var stores = GovernanceStores.Open(environment);
        var created = await stores.Keys.CreateAsync(name, roles, sources, cancellationToken).ConfigureAwait(false);
        if (parse.GetValue(_json))
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(new Dictionary<string, string> { ["id"] = created.Info.Id, ["key"] = created.Secret })).ConfigureAwait(false);
        }
        else
        {
            await output.WriteLineAsync($"id:  {created.Info.Id}\nkey: {created.Secret}\nThe key is shown only now; store it safely.").ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }
}
