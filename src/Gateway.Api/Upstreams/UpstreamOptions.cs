namespace Gateway.Api.Upstreams;

/// <summary>
/// An upstream OpenAI-compatible model server (vLLM, Ollama, another gateway, OpenAI itself) the gateway forwards
/// chat completions to, load-balanced over its destinations and health-checked, under the gateway's own auth.
/// </summary>
public sealed record UpstreamOptions
{
    /// <summary>The model names routed here. Default: the upstream's own name.</summary>
    public IReadOnlyList<string> Models { get; init; } = [];

    /// <summary>Required, at least one. Server roots (<c>http://10.0.0.5:8000</c>): the request path (<c>/v1/chat/completions</c>) is appended.</summary>
    public IReadOnlyList<string> Destinations { get; init; } = [];

    /// <summary>YARP's policy name: <c>RoundRobin</c> (default), <c>PowerOfTwoChoices</c>, <c>LeastRequests</c>, <c>Random</c> or <c>FirstAlphabetical</c>.</summary>
    public string LoadBalancing { get; init; } = "RoundRobin";

    public UpstreamHealthCheckOptions HealthCheck { get; init; } = new();

    /// <summary>Optional. Environment variable holding the upstream's API key, sent as <c>Authorization: Bearer</c>.</summary>
    public string? ApiKeyEnv { get; init; }

    /// <summary>Optional. File holding the upstream's API key (trimmed), for container secrets. Not both with <see cref="ApiKeyEnv"/>.</summary>
    public string? ApiKeyFile { get; init; }

    /// <summary>Largest time to wait for the upstream's response to start. Default 5 minutes (long generations).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    public IReadOnlyList<string> ModelNames(string upstreamName) => Models.Count > 0 ? Models : [upstreamName];
}

/// <summary>Active health checks: a GET of <see cref="Path"/> on every destination every <see cref="Interval"/>.</summary>
public sealed record UpstreamHealthCheckOptions
{
    /// <summary>Default true.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Default <c>/v1/models</c>, which every OpenAI-compatible server answers.</summary>
    public string Path { get; init; } = "/v1/models";

    /// <summary>Default 15 s.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Default 5 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Failed probes in a row that mark a destination unhealthy. Default 2.</summary>
    public int FailureThreshold { get; init; } = 2;
}
