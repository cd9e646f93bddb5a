using Gateway.Audit;
using Gateway.Cli;

namespace Gateway.Commands.Audit;

/// <summary>Reading commands must not create an empty trail where none exists (a mistyped --data-dir would look clean).</summary>
internal static class AuditTrailFile
{
    public static bool Exists(GatewayEnvironment environment, out string path)
    {
        path = new GovernanceOptions { DataDirectory = environment.DataDirectory }.ResolvedAuditPath;
        return File.Exists(path);
    }
}
