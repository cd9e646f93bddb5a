using Gateway.Execution.Providers;

namespace Gateway.Execution.Sources;

/// <summary>
/// One data source: a name the user picks, its engine, and the connection string. <see cref="ToString"/> and
/// <see cref="DisplayConnectionString"/> never include the password (the provider's own builder drops it).
/// </summary>
public sealed record SourceDescriptor
{
    /// <summary>Required. Letters, digits, '_' and '-'; how commands and the audit trail name the source.</summary>
    public required string Name { get; init; }

    /// <summary>Required. The engine, which picks the connector.</summary>
    public required SourceProvider Provider { get; init; }

    /// <summary>Required. The provider's connection string; secret, never printed.</summary>
    public required string ConnectionString { get; init; }

    /// <summary>The connection string without its password, safe for logs and listings.</summary>
    public string DisplayConnectionString => SourceConnectors.For(Provider).Redact(ConnectionString);

    /// <summary>Parses <c>NAME=PROVIDER:CONNECTION_STRING</c>; see <see cref="SourceSpecParser"/>.</summary>
    public static SourceDescriptor Parse(string spec) => SourceSpecParser.Parse(spec);

    public override string ToString() => $"{Name}={Provider.ToName()}:{DisplayConnectionString}";
}
