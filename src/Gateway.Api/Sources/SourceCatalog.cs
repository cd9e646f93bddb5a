using Gateway.Execution.Demo;
using Gateway.Execution.Sources;
using Gateway.Sql.Dialects;
using ExecutionSource = Gateway.Execution.Sources.SourceDescriptor;

namespace Gateway.Api.Sources;

/// <summary>
/// The sources given by <c>--source NAME=PROVIDER:CONNECTION_STRING</c> (or the configuration file), plus the built-in
/// <c>demo</c> database in the data directory, by name (case-insensitive). Built once at startup and immutable; a
/// malformed spec stops the server from starting rather than failing requests later.
/// </summary>
public sealed class SourceCatalog
{
    private readonly Dictionary<string, SourceDescriptor> _byName;

    private SourceCatalog(Dictionary<string, SourceDescriptor> byName, IReadOnlyList<SourceDescriptor> ordered)
    {
        _byName = byName;
        All = ordered;
    }

    /// <summary>Every source, the demo database first.</summary>
    public IReadOnlyList<SourceDescriptor> All { get; }

    public bool TryGet(string name, out SourceDescriptor source) => _byName.TryGetValue(name, out source!);

    /// <summary>
    /// Parses every spec with the execution stage's parser and reports all errors together, as <c>gateway validate</c>
    /// does. With <paramref name="dataDirectory"/>, the <c>demo</c> source (created on first use) is listed first.
    /// </summary>
    public static SourceCatalog Parse(IEnumerable<string> specs, out IReadOnlyList<string> errors, string? dataDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(specs);
        var problems = new List<string>();
        var byName = new Dictionary<string, SourceDescriptor>(StringComparer.OrdinalIgnoreCase);
        var ordered = new List<SourceDescriptor>();
        if (dataDirectory is not null)
        {
            var demo = DemoDatabase.Source(Path.Combine(dataDirectory, DemoDatabase.FileName));
            var entry = ToFrontDoor(demo);
            byName.Add(demo.Name, entry);
            ordered.Add(entry);
        }

        foreach (var spec in specs)
        {
            ExecutionSource parsed;
            try
            {
                parsed = SourceSpecParser.Parse(spec);
            }
            catch (SourceSpecException ex)
            {
                problems.Add(ex.Message);
                continue;
            }

            if (parsed.Name.Equals(DemoDatabase.SourceName, StringComparison.OrdinalIgnoreCase) && dataDirectory is not null)
            {
                problems.Add($"The source name '{DemoDatabase.SourceName}' is reserved for the built-in demo database.");
                continue;
            }

            var descriptor = ToFrontDoor(parsed);
            if (!byName.TryAdd(parsed.Name, descriptor))
            {
                problems.Add($"source '{parsed.Name}' is given twice.");
                continue;
            }

            ordered.Add(descriptor);
        }

        errors = problems;
        return new SourceCatalog(byName, ordered);
    }

    private static SourceDescriptor ToFrontDoor(ExecutionSource source) =>
        new(source.Name, DialectOf(source.Provider)) { Connection = source };

    public static SqlDialectKind DialectOf(SourceProvider provider) => provider switch
    {
        SourceProvider.Sqlite => SqlDialectKind.Sqlite,
        SourceProvider.Postgres => SqlDialectKind.Postgres,
        SourceProvider.MySql => SqlDialectKind.MySql,
        SourceProvider.SqlServer => SqlDialectKind.SqlServer,
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };
}
