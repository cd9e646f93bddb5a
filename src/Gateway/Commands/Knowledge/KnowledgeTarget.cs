using Gateway.Configuration;
using Gateway.Execution.Demo;
using Gateway.Execution.Sources;
using Gateway.Commands.Sources;
using Gateway.Sql.Dialects;

namespace Gateway.Commands.Knowledge;

/// <summary>
/// The source a knowledge command names with <c>--source</c>: <c>demo</c>, a name from the configuration file's
/// sources, or a full <c>NAME=PROVIDER:CONNECTION_STRING</c> spec. Only its name and dialect are used; nothing
/// connects to it.
/// </summary>
internal sealed record KnowledgeTarget(string Name, SqlDialectKind? Dialect)
{
    /// <summary>Throws <see cref="SourceSpecException"/> for a malformed spec, or an unknown name when the dialect is needed.</summary>
    public static KnowledgeTarget Resolve(string given, ConfiguredDefaults defaults, bool needDialect)
    {
        if (given.Contains('=', StringComparison.Ordinal))
        {
            var spec = SourceSpecParser.Parse(given);
            return new KnowledgeTarget(spec.Name, SourceResolver.Dialect(spec.Provider));
        }

        if (given.Equals(DemoDatabase.SourceName, StringComparison.OrdinalIgnoreCase))
        {
            return new KnowledgeTarget(DemoDatabase.SourceName, SqlDialectKind.Sqlite);
        }

        var configured = SourceResolver.Parse(defaults.Options.Sources).FirstOrDefault(s => s.Name.Equals(given, StringComparison.OrdinalIgnoreCase));
        if (configured is not null)
        {
            return new KnowledgeTarget(configured.Name, SourceResolver.Dialect(configured.Provider));
        }

        return needDialect
            ? throw new SourceSpecException($"no source is named '{given}': give NAME=PROVIDER:CONNECTION_STRING, 'demo', or a name from the configuration file's sources.")
            : new KnowledgeTarget(given, null);
    }
}
