namespace Gateway.Api.Execution;

/// <summary><c>POST /v1/sql</c>: SQL to run on a configured source the caller's key grants.</summary>
public sealed record SqlRequest
{
    public string? Source { get; init; }
    public string? Sql { get; init; }
}

/// <summary>The rows, the SQL that actually ran (with the policy's row cap) and the audit record that holds it.</summary>
public sealed record SqlResponse
{
    public required string Source { get; init; }
    public required string Sql { get; init; }
    public required IReadOnlyList<string> Columns { get; init; }
    public required IReadOnlyList<IReadOnlyList<object?>> Rows { get; init; }
    public required long RowCount { get; init; }
    public required long AuditId { get; init; }
}
