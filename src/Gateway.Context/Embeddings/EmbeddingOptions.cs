namespace Gateway.Context.Embeddings;

/// <summary>Which sentence encoder retrieval and schema linking use.</summary>
public enum EmbeddingProvider
{
    /// <summary>The offline pretrained encoder in <see cref="EmbeddingOptions.Encoder"/> (default <c>minilm</c>).</summary>
    Local,

    /// <summary>An OpenAI-compatible embeddings endpoint (<see cref="EmbeddingOptions.OpenAi"/>).</summary>
    OpenAi,

    /// <summary>No vectors: lexical ranking only.</summary>
    None,
}

public sealed record EmbeddingOptions
{
    /// <summary>Default <see cref="EmbeddingProvider.Local"/>.</summary>
    public EmbeddingProvider Provider { get; init; } = EmbeddingProvider.Local;

    /// <summary>The pretrained encoder's name for <see cref="EmbeddingProvider.Local"/>: <c>minilm</c> (default) or <c>arcticxs</c>.</summary>
    public string Encoder { get; init; } = "minilm";

    /// <summary>Required for <see cref="EmbeddingProvider.OpenAi"/>.</summary>
    public OpenAiEmbeddingOptions? OpenAi { get; init; }
}

/// <summary>An OpenAI-compatible embeddings endpoint. The key comes from the environment or a file, never from configuration text.</summary>
public sealed record OpenAiEmbeddingOptions
{
    /// <summary>Default <c>text-embedding-3-small</c>.</summary>
    public string Model { get; init; } = "text-embedding-3-small";

    /// <summary>The API's base address, e.g. <c>http://127.0.0.1:11434/v1</c>; null for api.openai.com.</summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>Environment variable holding the key. Default <c>OPENAI_API_KEY</c>.</summary>
    public string ApiKeyVariable { get; init; } = "OPENAI_API_KEY";

    /// <summary>A file holding the key (first line); read when set, instead of the variable.</summary>
    public string? ApiKeyFile { get; init; }

    /// <summary>The key from <see cref="ApiKeyFile"/> or <see cref="ApiKeyVariable"/>; local servers that need none get a placeholder.</summary>
    public string ResolveApiKey()
    {
        if (ApiKeyFile is not null)
        {
            var key = File.ReadLines(ApiKeyFile).FirstOrDefault()?.Trim();
            return string.IsNullOrEmpty(key) ? throw new InvalidOperationException($"the API key file '{ApiKeyFile}' is empty") : key;
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(ApiKeyVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment.Trim();
        }

        // vLLM and Ollama accept any key; api.openai.com would refuse this with a clear 401.
        return BaseUrl is null
            ? throw new InvalidOperationException($"no OpenAI API key: set {ApiKeyVariable} or an API key file")
            : "unused";
    }
}
