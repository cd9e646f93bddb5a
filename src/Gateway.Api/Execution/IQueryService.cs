using Gateway.Api.Sources;
using Gateway.Audit.Keys;

namespace Gateway.Api.Execution;

/// <summary>
/// The seam between the front door and database execution. The execution stage (Gateway.Execution) implements it
/// and registers it; <c>POST /v1/sql</c> and the MCP <c>run_sql</c> tool are mapped onto it then. The front door has
/// already authenticated the caller, checked the source right and validated the SQL: <paramref name="request"/>
/// carries the validator's rewritten SQL, and the implementation runs exactly that, read-only, honouring the token.
/// </summary>
public interface IQueryService
{
    Task<QueryResult> ExecuteAsync(QueryRequest request, CancellationToken cancellationToken = default);
}

/// <summary>What to run: the validated SQL (<see cref="Gateway.Sql.Validation.SqlVerdict.Sql"/>) on one source.</summary>
public sealed record QueryRequest(SourceDescriptor Source, string ValidatedSql, GatewayPrincipal Principal);

/// <summary>The rows, as JSON-ready values in column order, and how many there were.</summary>
public sealed record QueryResult(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows)
{
    public long RowCount => Rows.Count;
}
