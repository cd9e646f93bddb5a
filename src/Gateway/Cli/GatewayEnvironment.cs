using System.CommandLine;
using Gateway.Configuration;

namespace Gateway.Cli;

/// <summary>
/// Where the gateway keeps its state and which configuration file it reads, resolved once per invocation
/// from the command line, then the environment, then defaults.
/// </summary>
internal sealed record GatewayEnvironment(string DataDirectory, string? ConfigFile)
{
    public const string DataDirVariable = "GATEWAY_DATA_DIR";
    public const string ConfigVariable = "GATEWAY_CONFIG";

    public static GatewayEnvironment Resolve(ParseResult parse, GlobalOptions options)
    {
        var dataDir = parse.GetValue(options.DataDir)?.FullName
            ?? NonEmpty(Environment.GetEnvironmentVariable(DataDirVariable))
            ?? DefaultDataDirectory();
        var config = parse.GetValue(options.Config)?.FullName
            ?? NonEmpty(Environment.GetEnvironmentVariable(ConfigVariable));
        return new GatewayEnvironment(Path.GetFullPath(dataDir), config is null ? null : Path.GetFullPath(config));
    }

    /// <summary>Creates the data directory on first use; commands that only read need not call it.</summary>
    public string EnsureDataDirectory()
    {
        Directory.CreateDirectory(DataDirectory);
        return DataDirectory;
    }

    /// <summary>Reads and binds the configuration file, if any; throws <see cref="ConfigurationFileException"/> when it is bad.</summary>
    public async Task<GatewayOptions> LoadOptionsAsync(CancellationToken cancellationToken = default)
    {
        var configuration = await GatewayConfigurationLoader.LoadAsync(ConfigFile, cancellationToken).ConfigureAwait(false);
        return GatewayConfigurationLoader.Bind(configuration);
    }

    /// <summary>The configuration file's values as defaults under the command line's flags.</summary>
    public async Task<ConfiguredDefaults> LoadDefaultsAsync(CancellationToken cancellationToken = default) =>
        new(await LoadOptionsAsync(cancellationToken).ConfigureAwait(false), ConfigFile);

    private static string DefaultDataDirectory()
    {
        var baseDir = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        if (string.IsNullOrEmpty(baseDir))
        {
            baseDir = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        }

        return Path.Combine(baseDir, "gateway");
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
