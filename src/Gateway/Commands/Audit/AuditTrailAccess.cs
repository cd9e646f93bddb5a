using System.CommandLine;
using System.Data.Common;
using Gateway.Audit;
using Gateway.Audit.Trail;
using Gateway.Cli;
using Gateway.Configuration;

namespace Gateway.Commands.Audit;

/// <summary>
/// Opens the trail the configuration's <c>audit</c> section names (default: <c>&lt;data-dir&gt;/audit.db</c>) for the
/// reading commands, the same store <c>gateway serve</c> writes. Reading must not create an empty trail where none
/// exists (a mistyped --data-dir or schema would look clean), so the command is told whether one exists. A bad
/// section exits 2; a store that cannot be read (an unreachable database) exits 4.
/// </summary>
internal static class AuditTrailAccess
{
    /// <param name="read">Gets the store, or null when no trail exists yet, and its location for messages.</param>
    public static async Task<int> ReadAsync(ParseResult parse, GlobalOptions globals, Func<IAuditStore?, string, Task<int>> read, CancellationToken cancellationToken)
    {
        var error = parse.InvocationConfiguration.Error;
        var environment = GatewayEnvironment.Resolve(parse, globals);
        AuditStoreOptions audit;
        try
        {
            audit = (await environment.LoadDefaultsAsync(cancellationToken).ConfigureAwait(false)).Audit();
        }
        catch (ConfigurationFileException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (AuditStores.Problem(audit) is { } problem)
        {
            await error.WriteLineAsync($"error: {problem}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        await using var stores = GovernanceStores.Open(environment, audit);
        var store = stores.Audit;
        try
        {
            var exists = await store.ExistsAsync(cancellationToken).ConfigureAwait(false);
            return await read(exists ? store : null, store.Location).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is DbException or TimeoutException)
        {
            await error.WriteLineAsync($"error: cannot read the audit trail at {store.Location}: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Runtime;
        }
    }
}
