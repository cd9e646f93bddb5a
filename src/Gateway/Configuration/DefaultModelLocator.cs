namespace Gateway.Configuration;

/// <summary>
/// Finds the shipped pointer model's folder: the configured <c>ask.defaultModel</c>, else <c>models/default</c> under
/// the current directory, else under the repository root found by walking up from the executable (how
/// <c>dotnet run --project src/Gateway</c> finds it). A found folder must hold the model's files: training writes its
/// cache and checkpoints into the same folder before any weights exist.
/// </summary>
internal static class DefaultModelLocator
{
    public static readonly string RelativeFolder = Path.Combine("models", "default");

    private static readonly string[] RequiredFiles = ["config.json", "weights.safetensors"];

    /// <summary>The model folder, or null when none is found. A configured folder without the model is an error, not a silent fallback.</summary>
    /// <param name="configured">The configuration's <c>ask.defaultModel</c>, already resolved against the configuration file's folder.</param>
    public static string? Find(string? configured, string currentDirectory, string baseDirectory)
    {
        if (configured is not null)
        {
            return HoldsModel(configured)
                ? configured
                : throw new ConfigurationFileException(
                    $"ask.defaultModel names {configured}, which does not hold a model ({string.Join(" and ", RequiredFiles)}).");
        }

        var local = Path.Combine(currentDirectory, RelativeFolder);
        if (HoldsModel(local))
        {
            return Path.GetFullPath(local);
        }

        for (var dir = new DirectoryInfo(baseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Gateway.sln")))
            {
                var shipped = Path.Combine(dir.FullName, RelativeFolder);
                return HoldsModel(shipped) ? shipped : null;
            }
        }

        return null;
    }

    private static bool HoldsModel(string folder) => RequiredFiles.All(file => File.Exists(Path.Combine(folder, file)));
}
