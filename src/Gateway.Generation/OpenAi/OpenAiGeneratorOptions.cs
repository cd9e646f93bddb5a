namespace Gateway.Generation.OpenAi;

/// <summary>An OpenAI-compatible endpoint (OpenAI, Azure OpenAI, vLLM, Ollama, this gateway's own model endpoint).</summary>
public sealed record OpenAiGeneratorOptions
{
    /// <summary>Required. The API's base address, e.g. <c>https://api.openai.com/v1</c> or <c>http://127.0.0.1:11434/v1</c>.</summary>
    public required Uri BaseUrl { get; init; }

    /// <summary>Required. The model name the endpoint knows.</summary>
    public required string Model { get; init; }

    /// <summary>Where the key comes from; never logged or echoed. Servers that need none (Ollama, vLLM) may have none.</summary>
    public ApiKeySource ApiKey { get; init; } = ApiKeySource.None;

    /// <summary>The prompt template file; null: the shipped <c>models/prompts/text-to-sql.txt</c>.</summary>
    public string? PromptTemplatePath { get; init; }

    /// <summary>Sampling temperature. Default 0 (the most likely answer).</summary>
    public double Temperature { get; init; }

    /// <summary>Most tokens in one reply. Default 512.</summary>
    public int MaxTokens { get; init; } = 512;

    /// <summary>Whether to ask the endpoint for several choices (<c>n</c>) when several candidates are wanted. Default true.</summary>
    public bool AllowSeveralChoices { get; init; } = true;

    /// <summary>How long one request may take. Default 60 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);
}
