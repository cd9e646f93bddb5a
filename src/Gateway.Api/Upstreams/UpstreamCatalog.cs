using Yarp.ReverseProxy.LoadBalancing;

namespace Gateway.Api.Upstreams;

/// <summary>
/// The configured upstreams, checked: which upstream serves each model name, and each upstream's API key, read once
/// from its environment variable or file when the host is built (a missing key is a configuration error).
/// </summary>
internal sealed class UpstreamCatalog
{
    /// <summary>The OpenAI-compatible paths forwarded for an upstream model.</summary>
    public static IReadOnlyList<string> ForwardedPaths { get; } = ["/v1/chat/completions", "/v1/completions", "/v1/embeddings"];

    private static readonly string[] LoadBalancingPolicyNames =
    [
        LoadBalancingPolicies.RoundRobin, LoadBalancingPolicies.PowerOfTwoChoices, LoadBalancingPolicies.LeastRequests,
        LoadBalancingPolicies.Random, LoadBalancingPolicies.FirstAlphabetical,
    ];

    private readonly Dictionary<string, string> _upstreamByModel;
    private readonly Dictionary<string, string?> _keys;

    private UpstreamCatalog(IReadOnlyDictionary<string, UpstreamOptions> upstreams, Dictionary<string, string> upstreamByModel, Dictionary<string, string?> keys)
    {
        Upstreams = upstreams;
        _upstreamByModel = upstreamByModel;
        _keys = keys;
    }

    public IReadOnlyDictionary<string, UpstreamOptions> Upstreams { get; }

    public bool IsEmpty => Upstreams.Count == 0;

    public bool TryGetUpstream(string model, out string upstream) => _upstreamByModel.TryGetValue(model, out upstream!);

    /// <summary>The key sent upstream as <c>Authorization: Bearer</c>; null sends none.</summary>
    public string? ApiKey(string upstream) => _keys.GetValueOrDefault(upstream);

    /// <summary>Checks <paramref name="upstreams"/>; every problem is added to <paramref name="errors"/>.</summary>
    public static UpstreamCatalog Create(
        IReadOnlyDictionary<string, UpstreamOptions> upstreams, IEnumerable<string> localModels, Func<string, string?> environment, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(upstreams);
        ArgumentNullException.ThrowIfNull(errors);
        var local = localModels.ToHashSet(StringComparer.Ordinal);
        var byModel = new Dictionary<string, string>(StringComparer.Ordinal);
        var keys = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, upstream) in upstreams)
        {
            var where = $"upstreams.{name}";
            if (string.IsNullOrWhiteSpace(name) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                errors.Add($"upstreams: '{name}' is not a valid upstream name (letters, digits, '-', '_', '.').");
            }

            foreach (var model in upstream.ModelNames(name))
            {
                if (local.Contains(model))
                {
                    errors.Add($"{where}: the model '{model}' is also a local model; a name can be served one way only.");
                }
                else if (!byModel.TryAdd(model, name))
                {
                    errors.Add($"{where}: the model '{model}' is already routed to upstream '{byModel[model]}'.");
                }
            }

            if (upstream.Destinations.Count == 0)
            {
                errors.Add($"{where}: 'destinations' needs at least one address (http://host:port).");
            }

            foreach (var destination in upstream.Destinations)
            {
                if (!Uri.TryCreate(destination, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                {
                    errors.Add($"{where}: destination '{destination}' is not an absolute http or https address.");
                }
            }

            if (!LoadBalancingPolicyNames.Contains(upstream.LoadBalancing, StringComparer.Ordinal))
            {
                errors.Add($"{where}: loadBalancing '{upstream.LoadBalancing}' is not one of {string.Join(", ", LoadBalancingPolicyNames)}.");
            }

            var health = upstream.HealthCheck;
            if (health.Enabled && (!health.Path.StartsWith('/') || health.Interval <= TimeSpan.Zero || health.Timeout <= TimeSpan.Zero || health.FailureThreshold < 1))
            {
                errors.Add($"{where}.healthCheck: 'path' must start with '/', 'interval' and 'timeout' must be positive, 'failureThreshold' at least 1.");
            }

            if (upstream.Timeout <= TimeSpan.Zero)
            {
                errors.Add($"{where}: 'timeout' must be positive.");
            }

            keys[name] = ReadKey(where, upstream, environment, errors);
        }

        return new UpstreamCatalog(upstreams, byModel, keys);
    }

    private static string? ReadKey(string where, UpstreamOptions upstream, Func<string, string?> environment, List<string> errors)
    {
        if (upstream.ApiKeyEnv is not null && upstream.ApiKeyFile is not null)
        {
            errors.Add($"{where}: give 'apiKeyEnv' or 'apiKeyFile', not both.");
            return null;
        }

        if (upstream.ApiKeyEnv is { } variable)
        {
            // The message names the variable, never a value.
            var key = environment(variable);
            if (string.IsNullOrWhiteSpace(key))
            {
                errors.Add($"{where}: the environment variable {variable} named by 'apiKeyEnv' is not set.");
            }

            return key?.Trim();
        }

        if (upstream.ApiKeyFile is { } file)
        {
            try
            {
                var key = File.ReadAllText(file).Trim();
                if (key.Length == 0)
                {
                    errors.Add($"{where}: the key file {file} is empty.");
                }

                return key;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                errors.Add($"{where}: the key file {file} cannot be read: {ex.Message}");
            }
        }

        return null;
    }
}
