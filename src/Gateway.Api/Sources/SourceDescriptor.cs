using Gateway.Sql.Dialects;

namespace Gateway.Api.Sources;

/// <summary>
/// A named data source as the front door sees it: its name and SQL dialect. <see cref="Connection"/> (the execution
/// stage's descriptor, with the connection string) is kept for the execution stage and is never echoed or logged.
/// </summary>
public sealed record SourceDescriptor(string Name, SqlDialectKind Dialect)
{
    /// <summary>The execution stage's descriptor; null for the demo source until its file is created.</summary>
    internal Gateway.Execution.Sources.SourceDescriptor? Connection { get; init; }

    /// <summary>The provider's canonical name (sqlite, postgres, mysql, sqlserver).</summary>
    public string Provider => Dialect.ToName();
}
