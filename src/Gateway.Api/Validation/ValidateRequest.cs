namespace Gateway.Api.Validation;

/// <summary>
/// <c>POST /v1/validate</c> and the MCP <c>validate_sql</c> tool: the SQL and exactly one of <see cref="Dialect"/>
/// (postgres, mysql, sqlserver, sqlite) or <see cref="Source"/> (a configured source name, whose dialect is used and
/// which the caller's key must grant).
/// </summary>
public sealed record ValidateRequest
{
    public string? Dialect { get; init; }
    public string? Source { get; init; }
    public string? Sql { get; init; }
}

/// <summary>The verdict, what it was judged as, and the audit record that holds it.</summary>
public sealed record ValidateResponse
{
    public required bool Allowed { get; init; }
    public string? Rule { get; init; }
    public string? Message { get; init; }
    public int? Position { get; init; }
    public string? Fragment { get; init; }

    /// <summary>When allowed, the SQL that would run (with the policy's row cap written in).</summary>
    public string? Sql { get; init; }

    public required string Dialect { get; init; }
    public string? Source { get; init; }
    public required long AuditId { get; init; }
}
