namespace Gateway.Configuration;

/// <summary>
/// The <c>ask</c> section: the generators by name, which is the default, which one also serves as the chat model
/// (conversation and written analysis), and the pipeline's limits. Every value is optional.
/// <code>
/// ask:
///   generator: gpt            # default generator (optional when there is only one)
///   chat: gpt                 # an openai generator whose model also chats (optional)
///   maxRepairs: 2
///   defaultModel: models/default   # the pointer model used when no generator is configured (optional)
///   generators:
///     gpt:   { kind: openai, baseUrl: https://api.openai.com/v1, model: gpt-4o-mini, apiKeyEnv: OPENAI_API_KEY }
///     local: { kind: local, modelDir: /models/qwen2-0.5b, adapters: { shop: /models/adapters/shop } }
/// </code>
/// </summary>
public sealed record AskSection
{
    /// <summary>The default generator's name.</summary>
    public string? Generator { get; init; }

    /// <summary>The name of an <c>openai</c> generator whose endpoint also answers conversation and writes analyses.</summary>
    public string? Chat { get; init; }

    /// <summary>Repairs per question after a rejected or failing candidate. Default 2.</summary>
    public int? MaxRepairs { get; init; }

    /// <summary>Intermediate queries per question. Default 2.</summary>
    public int? MaxIntermediateRounds { get; init; }

    /// <summary>Candidates asked for per attempt. Default 1.</summary>
    public int? Candidates { get; init; }

    /// <summary>Minutes a conversation is kept after its last question (conversations are stored, so they outlive restarts). Default 1440 (a day).</summary>
    public double? ConversationMinutes { get; init; }

    /// <summary>Earlier answered turns passed to the generator. Default 5.</summary>
    public int? ConversationTurns { get; init; }

    /// <summary>Turns a stored conversation keeps; older ones are dropped. Default 50.</summary>
    public int? ConversationStoredTurns { get; init; }

    /// <summary>
    /// The shipped pointer model's folder, used as generator <c>default</c> when no generator is configured; relative
    /// to the configuration file. Default: <c>models/default</c> under the current directory, else in the repository
    /// (the folder holding <c>Gateway.sln</c>) above the executable. <c>none</c> turns it off.
    /// </summary>
    public string? DefaultModel { get; init; }

    public Dictionary<string, GeneratorSection> Generators { get; init; } = [];
}

/// <summary>One generator. <c>kind: openai</c> uses baseUrl, model, apiKeyEnv or apiKeyFile, temperature, maxTokens; <c>kind: local</c> uses modelDir, adapters, temperature, maxTokens, beams.</summary>
public sealed record GeneratorSection
{
    /// <summary><c>openai</c> (any OpenAI-compatible endpoint) or <c>local</c> (a model folder run in process).</summary>
    public string? Kind { get; init; }

    public string? BaseUrl { get; init; }

    public string? Model { get; init; }

    /// <summary>The environment variable holding the API key; the key itself never goes in this file.</summary>
    public string? ApiKeyEnv { get; init; }

    /// <summary>A file whose first line is the API key; relative to the configuration file.</summary>
    public string? ApiKeyFile { get; init; }

    /// <summary>The prompt template; relative to the configuration file. Default: the shipped <c>models/prompts/text-to-sql.txt</c>.</summary>
    public string? Template { get; init; }

    public double? Temperature { get; init; }

    public int? MaxTokens { get; init; }

    /// <summary>Seconds one request to the endpoint may take. Default 60.</summary>
    public double? TimeoutSeconds { get; init; }

    /// <summary>The local model folder; relative to the configuration file.</summary>
    public string? ModelDir { get; init; }

    /// <summary>Beam width (local only, temperature 0): above 1 the best beams are the candidates. Default 1.</summary>
    public int? Beams { get; init; }

    /// <summary>LoRA adapter folders by source name (local only); relative to the configuration file.</summary>
    public Dictionary<string, string> Adapters { get; init; } = [];
}
