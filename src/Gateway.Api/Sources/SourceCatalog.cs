using Gateway.Sql.Dialects;

namespace Gateway.Api.Sources;

/// <summary>
/// The sources given by <c>--source NAME=PROVIDER:CONNECTION_STRING</c>, by name (case-insensitive). Built once at
/// startup and immutable; a malformed spec stops the server from starting rather than failing requests later.
/// </summary>
public sealed class SourceCatalog
{
    private readonly Dictionary<string, SourceDescriptor> _byName;

    private SourceCatalog(Dictionary<string, SourceDescriptor> byName, IReadOnlyList<SourceDescriptor> ordered)
    {
        _byName = byName;
        All = ordered;
    }

    public IReadOnlyList<SourceDescriptor> All { get; }

    public bool TryGet(string name, out SourceDescriptor source) => _byName.TryGetValue(name, out source!);

    /// <summary>Parses every spec and reports all errors together, as <c>gateway validate</c> does.</summary>
    public static SourceCatalog Parse(IEnumerable<string> specs, out IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(specs);
        var problems = new List<string>();
        var byName = new Dictionary<string, SourceDescriptor>(StringComparer.OrdinalIgnoreCase);
        var ordered = new List<SourceDescriptor>();
        foreach (var spec in specs)
        {
            var equals = spec.IndexOf('=', StringComparison.Ordinal);
            var colon = equals < 0 ? -1 : spec.IndexOf(':', equals + 1);
            if (equals <= 0 || colon < 0)
            {
                problems.Add($"source '{Redact(spec)}' is not NAME=PROVIDER:CONNECTION_STRING.");
                continue;
            }

            var name = spec[..equals].Trim();
            var provider = spec[(equals + 1)..colon].Trim();
            if (!SqlDialectNames.TryParse(provider, out var dialect))
            {
                problems.Add($"source '{name}': unknown provider '{provider}'; use one of {string.Join(", ", SqlDialectNames.Canonical)}.");
                continue;
            }

            var descriptor = new SourceDescriptor(name, dialect.Value);
            if (!byName.TryAdd(name, descriptor))
            {
                problems.Add($"source '{name}' is given twice.");
                continue;
            }

            ordered.Add(descriptor);
        }

        errors = problems;
        return new SourceCatalog(byName, ordered);
    }

    /// <summary>Connection strings can hold passwords: error messages show only what precedes the provider's colon.</summary>
    private static string Redact(string spec)
    {
        var colon = spec.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? spec : spec[..colon] + ":…";
    }
}
