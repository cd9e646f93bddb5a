using Gateway.Sql.Dialects;

namespace Gateway.Api.Sources;

/// <summary>A named data source as the front door sees it: its name and SQL dialect. The connection string stays
/// with the execution stage and is never echoed or logged here.</summary>
public sealed record SourceDescriptor(string Name, SqlDialectKind Dialect);
