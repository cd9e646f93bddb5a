using Gateway.Execution.Sources;
using Gateway.Sql.Dialects;

namespace Gateway.Ask;

/// <summary>
/// One question on one source. The host has already authenticated the caller, checked its grant on the source and
/// opened it (the demo database is created on first use); the pipeline never sees a source the caller may not use.
/// </summary>
public sealed record AskRequest
{
    /// <summary>Required. The source, connection included (never echoed).</summary>
    public required SourceDescriptor Source { get; init; }

    /// <summary>Required. The natural-language question.</summary>
    public required string Question { get; init; }

    /// <summary>Required. Who asks, as the audit trail names them (key principal, <c>local</c>, <c>cli</c>).</summary>
    public required string Principal { get; init; }

    /// <summary>Continue this conversation; null starts a new one.</summary>
    public string? ConversationId { get; init; }

    /// <summary>Use this configured generator; null: the default.</summary>
    public string? Generator { get; init; }

    public SqlDialectKind Dialect => SourceDialects.Of(Source.Provider);
}

/// <summary>The SQL dialect each provider speaks.</summary>
public static class SourceDialects
{
    public static SqlDialectKind Of(SourceProvider provider) => provider switch
    {
        SourceProvider.Sqlite => SqlDialectKind.Sqlite,
        SourceProvider.Postgres => SqlDialectKind.Postgres,
        SourceProvider.MySql => SqlDialectKind.MySql,
        SourceProvider.SqlServer => SqlDialectKind.SqlServer,
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };
}
