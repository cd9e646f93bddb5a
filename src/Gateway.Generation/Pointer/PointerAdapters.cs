namespace Gateway.Generation.Pointer;

/// <summary>
/// Where per-source adapters of the pointer model live: <c>&lt;data-dir&gt;/adapters/pointer/&lt;source&gt;/</c>, each a
/// model folder (<c>config.json</c>, <c>weights.safetensors</c>, <c>training.json</c> with its <c>version</c> and what it
/// was trained on). Source names compare case-insensitively, so the folder is the lower-cased name.
/// </summary>
public static class PointerAdapters
{
    public static string Root(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        return Path.Combine(dataDirectory, "adapters", "pointer");
    }

    /// <summary>The adapter folder of <paramref name="source"/> under <paramref name="root"/> (which need not exist).</summary>
    public static string FolderFor(string root, string source)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        // A source name never leaves the adapters folder: separators and dot-names are refused, not cleaned.
        if (source.IndexOfAny([.. Path.GetInvalidFileNameChars(), '/', '\\']) >= 0 || source is "." or "..")
        {
            throw new ArgumentException($"'{source}' cannot name an adapter folder.", nameof(source));
        }

        return Path.Combine(root, source.ToLowerInvariant());
    }

    /// <summary>The adapter folder of <paramref name="source"/> when one with weights exists; otherwise null.</summary>
    public static string? Find(string root, string source)
    {
        string folder;
        try
        {
            folder = FolderFor(root, source);
        }
        catch (ArgumentException)
        {
            return null;
        }

        return File.Exists(Path.Combine(folder, PointerModelVersion.WeightsFile)) ? folder : null;
    }
}
