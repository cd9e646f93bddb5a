using Gateway.Api.Models;
using Gateway.Api.Upstreams;

namespace Gateway.Api;

/// <summary>How <c>anonymous</c> requests (no API key) are treated.</summary>
public enum AnonymousMode
{
    /// <summary>Anonymous requests act as <c>local</c> while every listening address is loopback; off otherwise.</summary>
    Auto,

    /// <summary>Every request needs a valid key.</summary>
    Off,
}

/// <summary>The HTTP front door's settings: plain data, set by <c>gateway serve</c> or bound from configuration.</summary>
public sealed record GatewayApiOptions
{
    public const string DefaultUrl = "http://127.0.0.1:8080";

    /// <summary>Required. The gateway's data directory (audit trail, keys).</summary>
    public required string DataDirectory { get; init; }

    /// <summary>
    /// Where the audit trail lives. Default: SQLite <c>audit.db</c> in <see cref="DataDirectory"/>; PostgreSQL for
    /// replicas that share one trail.
    /// </summary>
    public Gateway.Audit.AuditStoreOptions Audit { get; init; } = new();

    /// <summary>Addresses to listen on. Default: <see cref="DefaultUrl"/>. Port 0 picks a free port.</summary>
    public IReadOnlyList<string> Urls { get; init; } = [DefaultUrl];

    /// <summary>Default <see cref="AnonymousMode.Auto"/>.</summary>
    public AnonymousMode Anonymous { get; init; } = AnonymousMode.Auto;

    /// <summary>Data sources as <c>NAME=PROVIDER:CONNECTION_STRING</c>. Optional.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>Policy file for validation. Optional; default: the built-in policy.</summary>
    public string? PolicyFile { get; init; }

    /// <summary>Requests each principal may make per <see cref="RateLimitWindow"/>. Default 120.</summary>
    public int RateLimitPermits { get; init; } = 120;

    /// <summary>Default one minute.</summary>
    public TimeSpan RateLimitWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Wall-clock limit of one query on a source, enforced by the engine too. Default 30 s.</summary>
    public TimeSpan QueryTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The context stage: knowledge store, sentence encoder, schema linking and retrieval. Optional; default: SQLite
    /// <c>knowledge.db</c> in <see cref="DataDirectory"/> and the offline MiniLM encoder.
    /// </summary>
    public Gateway.Context.ContextOptions? Context { get; init; }

    /// <summary>Largest request body accepted, in bytes; larger is refused with 413. Default 1 MiB.</summary>
    public long MaxRequestBodyBytes { get; init; } = 1024 * 1024;

    /// <summary>Local models served by <c>/v1/chat/completions</c>, by name. Optional.</summary>
    public IReadOnlyDictionary<string, LocalModelOptions> Models { get; init; } = new Dictionary<string, LocalModelOptions>();

    /// <summary>Upstream model servers that chat completions for their models are forwarded to, by name. Optional.</summary>
    public IReadOnlyDictionary<string, UpstreamOptions> Upstreams { get; init; } = new Dictionary<string, UpstreamOptions>();
}
