using Gateway.Execution.Demo;
using Gateway.Execution.Sources;
using Gateway.Sql.Dialects;

namespace Gateway.Commands.Sources;

/// <summary>
/// Turns the command line's source specs into descriptors, picks the one a command uses, and creates the demo
/// database when it is the one. Spec problems are <see cref="SourceSpecException"/>s (a usage error).
/// </summary>
internal static class SourceResolver
{
    /// <summary>Every source the command line names, parsed; no connection is made.</summary>
    public static IReadOnlyList<SourceDescriptor> Parse(IReadOnlyList<string> specs)
    {
        var sources = specs.Select(SourceSpecParser.Parse).ToList();
        var duplicate = sources.GroupBy(s => s.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new SourceSpecException($"Source '{duplicate.Key}' is given more than once.");
        }

        if (sources.Any(s => s.Name.Equals(DemoDatabase.SourceName, StringComparison.OrdinalIgnoreCase)))
        {
            throw new SourceSpecException($"The name '{DemoDatabase.SourceName}' is reserved for the built-in demo database.");
        }

        return sources;
    }

    /// <summary>The chosen source, or null for the demo database (which is created only when used).</summary>
    public static SourceDescriptor? Choose(IReadOnlyList<SourceDescriptor> sources, string? use)
    {
        if (use is null)
        {
            return sources.Count switch
            {
                0 => null,
                1 => sources[0],
                _ => throw new SourceSpecException($"Several sources are given ({string.Join(", ", sources.Select(s => s.Name))}); pick one with --use NAME."),
            };
        }

        if (use.Equals(DemoDatabase.SourceName, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return sources.FirstOrDefault(s => s.Name.Equals(use, StringComparison.OrdinalIgnoreCase))
            ?? throw new SourceSpecException($"--use names '{use}', but no --source has that name.");
    }

    public static async Task<SourceDescriptor> OpenAsync(SourceDescriptor? chosen, string dataDirectory, CancellationToken cancellationToken) =>
        chosen ?? await DemoDatabase.EnsureAsync(dataDirectory, cancellationToken).ConfigureAwait(false);

    public static SqlDialectKind Dialect(SourceProvider provider) => Execution.SqlExecutionPath.DialectOf(provider);
}
