using Gateway.Api.Models;
using Gateway.Api.Upstreams;

namespace Gateway.Configuration;

/// <summary>
/// The gateway's configuration file, bound from JSON or YAML. Command-line options win over it; it wins over defaults.
/// </summary>
public sealed record GatewayOptions
{
    /// <summary>Policy file applied when a command gets no <c>--policy</c>; relative to the configuration file. Optional; default: the built-in policy.</summary>
    public string? Policy { get; init; }

    /// <summary>Data sources as <c>NAME=PROVIDER:CONNECTION_STRING</c>, used when a command gets no <c>--source</c>; the first is the default. Optional.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary><c>gateway serve</c>'s settings, used where the command line gives none. Optional.</summary>
    public ServeOptions Serve { get; init; } = new();

    /// <summary>The ask pipeline and its generators (<c>gateway ask</c>, <c>/v1/ask</c>). Optional: without generators, data questions get the "no generator configured" route.</summary>
    public AskSection Ask { get; init; } = new();

    /// <summary>
    /// The audit trail's store: <c>store</c> (<c>sqlite</c>, the default, or <c>postgres</c> so several replicas share
    /// one trail), <c>path</c> (SQLite file), <c>connectionString</c>, <c>passwordEnv</c> / <c>passwordFile</c> and
    /// <c>schema</c> (PostgreSQL); paths relative to the configuration file. Optional.
    /// </summary>
    public Gateway.Audit.AuditStoreOptions Audit { get; init; } = new();

    /// <summary>The context stage: knowledge store, sentence encoder, schema linking, retrieval. Optional.</summary>
    public ContextSettings Context { get; init; } = new();

    /// <summary>
    /// Local models served as OpenAI-compatible chat models, by name: <c>path</c> (model folder), optional
    /// <c>adapter</c> (LoRA folder), <c>maxTokens</c> and <c>device</c> (<c>auto|cpu|cuda</c>); paths relative to the configuration file. Optional.
    /// </summary>
    public IReadOnlyDictionary<string, LocalModelOptions> Models { get; init; } = new Dictionary<string, LocalModelOptions>();

    /// <summary>
    /// Upstream OpenAI-compatible model servers, by name: <c>models</c>, <c>destinations</c>, <c>loadBalancing</c>,
    /// <c>healthCheck</c>, <c>apiKeyEnv</c> / <c>apiKeyFile</c>, <c>timeout</c>. Optional.
    /// </summary>
    public IReadOnlyDictionary<string, UpstreamOptions> Upstreams { get; init; } = new Dictionary<string, UpstreamOptions>();
}

/// <summary>
/// The <c>context</c> section: <c>store</c> (<c>provider: sqlite|postgres</c>, <c>path</c>, <c>connectionString</c>),
/// <c>embeddings</c> (<c>provider: local|openai|none</c>, <c>encoder</c>, <c>openAi</c>), <c>linking</c>, <c>retrieval</c>.
/// </summary>
public sealed record ContextSettings
{
    public Gateway.Context.Knowledge.KnowledgeStoreOptions Store { get; init; } = new();

    public Gateway.Context.Embeddings.EmbeddingOptions Embeddings { get; init; } = new();

    public Gateway.Context.Linking.SchemaLinkingOptions Linking { get; init; } = new();

    public Gateway.Context.Retrieval.RetrievalOptions Retrieval { get; init; } = new();

    /// <summary>The stage's options for <paramref name="dataDirectory"/>; a relative store path is read relative to <paramref name="configFile"/>.</summary>
    public Gateway.Context.ContextOptions ToOptions(string dataDirectory, string? configFile)
    {
        var folder = configFile is null ? Directory.GetCurrentDirectory() : Path.GetDirectoryName(configFile)!;
        return new Gateway.Context.ContextOptions
        {
            DataDirectory = dataDirectory,
            Store = Store.Path is null ? Store : Store with { Path = Path.GetFullPath(Store.Path, folder) },
            Embeddings = Embeddings,
            Linking = Linking,
            Retrieval = Retrieval,
        };
    }
}

/// <summary>The <c>serve</c> section. Every value is optional; a missing one falls back to the built-in default.</summary>
public sealed record ServeOptions
{
    /// <summary>Addresses to listen on. Default: <c>http://127.0.0.1:8080</c>.</summary>
    public IReadOnlyList<string> Urls { get; init; } = [];

    /// <summary><c>auto</c> (anonymous local access while every address is loopback) or <c>off</c>. Default <c>auto</c>.</summary>
    public string? Anonymous { get; init; }

    /// <summary>Requests per minute per key. Default 120.</summary>
    public int? RateLimit { get; init; }

    /// <summary>Largest request body in bytes. Default 1 MiB.</summary>
    public long? MaxBody { get; init; }
}
