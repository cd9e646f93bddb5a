using System.CommandLine;

namespace Gateway.Cli;

/// <summary>Options every subcommand honours; declared once on the root and inherited (recursive).</summary>
internal sealed class GlobalOptions
{
    public Option<DirectoryInfo?> DataDir { get; } = new("--data-dir")
    {
        Description = "Directory for all state the gateway writes (env GATEWAY_DATA_DIR; default: the user's data directory).",
        Recursive = true,
    };

    public Option<FileInfo?> Config { get; } = new("--config")
    {
        Description = "Configuration file, JSON or YAML (env GATEWAY_CONFIG).",
        Recursive = true,
    };

    public void AddTo(RootCommand root)
    {
        root.Options.Add(DataDir);
        root.Options.Add(Config);
    }
}
