using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Gateway.Audit.Keys;
using Gateway.Cli;

namespace Gateway.Commands.Keys;

/// <summary><c>gateway keys list</c>: ids, names, roles, sources and state; never a key.</summary>
internal sealed class KeysListCommand : IGatewayCommand
{
    private readonly Option<bool> _json = new("--json") { Description = "Print a JSON array." };

    public Command Build(GlobalOptions globals)
    {
        var command = new Command("list", "List API keys (the keys themselves are never shown).") { _json };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, globals, cancellationToken));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, GlobalOptions globals, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var environment = GatewayEnvironment.Resolve(parse, globals);
        IReadOnlyList<ApiKeyInfo> keys = [];
        if (Directory.Exists(environment.DataDirectory))
        {
            await using var stores = GovernanceStores.Open(environment);
            keys = await stores.Keys.ListAsync(cancellationToken).ConfigureAwait(false);
        }

        if (parse.GetValue(_json))
        {
            var rows = keys.Select(k => new Dictionary<string, object?>
            {
                ["id"] = k.Id,
                ["name"] = k.Name,
                ["roles"] = k.Roles.ToNames(),
                ["sources"] = k.Sources,
                ["created"] = k.Created.UtcDateTime,
                ["revoked"] = k.Revoked?.UtcDateTime,
            });
            await output.WriteLineAsync(JsonSerializer.Serialize(rows)).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        foreach (var key in keys)
        {
            var state = key.Revoked is { } revoked ? "revoked " + revoked.UtcDateTime.ToString("u", CultureInfo.InvariantCulture) : "active";
            await output.WriteLineAsync($"{key.Id}  {key.Name}  roles={key.Roles.Format()}  sources={string.Join(',', key.Sources)}  {state}").ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }
}
