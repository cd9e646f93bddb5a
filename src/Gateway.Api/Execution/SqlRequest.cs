using System.Text.Json.Serialization;
using Gateway.Execution.Results;
using Gateway.Presentation.Charts;

namespace Gateway.Api.Execution;

/// <summary><c>POST /v1/sql</c>: SQL to run on a configured source the caller's key grants.</summary>
public sealed record SqlRequest
{
    public string? Source { get; init; }
    public string? Sql { get; init; }
}

/// <summary>
/// The same object as <c>gateway sql --json</c> (<c>sql, source, columns, rows, row_count, truncated, chart,
/// elapsed_ms</c>) plus <c>audit_id</c> and <c>trace_id</c>; written by <see cref="SqlResponseJsonConverter"/>.
/// </summary>
[JsonConverter(typeof(SqlResponseJsonConverter))]
public sealed record SqlResponse
{
    public required string Source { get; init; }
    public required string Sql { get; init; }
    public required IReadOnlyList<ResultColumn> Columns { get; init; }
    public required IReadOnlyList<IReadOnlyList<object?>> Rows { get; init; }
    public required long RowCount { get; init; }
    public required bool Truncated { get; init; }
    public required ChartSpec Chart { get; init; }
    public required double ElapsedMs { get; init; }
    public required long AuditId { get; init; }
    public string? TraceId { get; init; }
}
