namespace Gateway.Generation.OpenAi;

/// <summary>
/// Where an endpoint's API key is read from: an environment variable or a file (the first line). Read when a request
/// is made, so a rotated key is picked up; the key itself is never stored in options, logged or echoed.
/// </summary>
public sealed record ApiKeySource
{
    public static ApiKeySource None { get; } = new();

    /// <summary>The environment variable holding the key (e.g. <c>OPENAI_API_KEY</c>).</summary>
    public string? EnvironmentVariable { get; init; }

    /// <summary>A file whose first line is the key.</summary>
    public string? File { get; init; }

    public static ApiKeySource FromEnvironment(string name) => new() { EnvironmentVariable = name };

    public static ApiKeySource FromFile(string path) => new() { File = path };

    /// <summary>The key, or null when none is configured. Throws <see cref="GenerationException"/> when a configured source is empty or missing.</summary>
    public string? Read()
    {
        if (EnvironmentVariable is { } name)
        {
            var value = Environment.GetEnvironmentVariable(name);
            return string.IsNullOrWhiteSpace(value)
                ? throw new GenerationException($"The API key variable {name} is not set.") { Failure = GenerationFailure.KeyMissing }
                : value.Trim();
        }

        if (File is { } path)
        {
            if (!System.IO.File.Exists(path))
            {
                throw new GenerationException($"The API key file {path} does not exist.") { Failure = GenerationFailure.KeyMissing };
            }

            var line = System.IO.File.ReadLines(path).FirstOrDefault()?.Trim();
            return string.IsNullOrEmpty(line) ? throw new GenerationException($"The API key file {path} is empty.") { Failure = GenerationFailure.KeyMissing } : line;
        }

        return null;
    }

    /// <summary>Where the key comes from, for messages; never the key.</summary>
    public override string ToString() =>
        EnvironmentVariable is { } name ? $"env:{name}" : File is { } path ? $"file:{path}" : "none";
}
