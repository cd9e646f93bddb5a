namespace Gateway.Configuration;

/// <summary>
/// Applies the configuration file under the command line: a flag that was given wins, else the file's value, else
/// the built-in default. Relative paths in the file are read relative to the file.
/// </summary>
internal sealed record ConfiguredDefaults(GatewayOptions Options, string? ConfigFile)
{
    /// <summary>The <c>--source</c> specs when any were given, else the file's <c>sources</c>.</summary>
    public IReadOnlyList<string> Sources(IReadOnlyList<string> fromFlags) => fromFlags.Count > 0 ? fromFlags : Options.Sources;

    /// <summary>The file's local models, their folders resolved against the file's folder.</summary>
    public IReadOnlyDictionary<string, Api.Models.LocalModelOptions> Models() =>
        Options.Models.ToDictionary(m => m.Key, m => m.Value with { Path = Resolve(m.Value.Path), Adapter = Resolve(m.Value.Adapter) });

    /// <summary>The file's upstreams, their key files resolved against the file's folder.</summary>
    public IReadOnlyDictionary<string, Api.Upstreams.UpstreamOptions> Upstreams() =>
        Options.Upstreams.ToDictionary(u => u.Key, u => u.Value with { ApiKeyFile = Resolve(u.Value.ApiKeyFile) });

    /// <summary>The file's audit section, its SQLite path and password file resolved against the file's folder.</summary>
    public Gateway.Audit.AuditStoreOptions Audit() =>
        Options.Audit with { Path = Resolve(Options.Audit.Path), PasswordFile = Resolve(Options.Audit.PasswordFile) };

    private string? Resolve(string? path) =>
        string.IsNullOrWhiteSpace(path) ? path : Path.GetFullPath(path, ConfigFile is null ? Directory.GetCurrentDirectory() : Path.GetDirectoryName(ConfigFile)!);

    /// <summary>The <c>--policy</c> path when given, else the file's <c>policy</c> (resolved against the file's folder), else null.</summary>
    public string? PolicyFile(FileInfo? fromFlag)
    {
        if (fromFlag is not null)
        {
            return fromFlag.FullName;
        }

        if (string.IsNullOrWhiteSpace(Options.Policy))
        {
            return null;
        }

        var folder = ConfigFile is null ? Directory.GetCurrentDirectory() : Path.GetDirectoryName(ConfigFile)!;
        return Path.GetFullPath(Options.Policy, folder);
    }
}
