using Gateway.Api.Sources;
using Gateway.Audit.Keys;
using Gateway.Execution.Results;

namespace Gateway.Api.Execution;

/// <summary>
/// The seam between the front door and database execution. <see cref="ExecutionQueryService"/> implements it over
/// the execution stage's <see cref="Gateway.Execution.IQueryExecutorFactory"/>; <c>POST /v1/sql</c> is mapped only when one is registered (the MCP <c>run_sql</c> tool goes
/// onto the same <see cref="SqlRunService"/>). The front door has
/// already authenticated the caller, checked the source right and validated the SQL: <paramref name="request"/>
/// carries the validator's rewritten SQL, and the implementation runs exactly that, read-only, honouring the token.
/// </summary>
public interface IQueryService
{
    Task<QueryResult> ExecuteAsync(QueryRequest request, CancellationToken cancellationToken = default);
}

/// <summary>
/// What to run: the validated SQL (<see cref="Gateway.Sql.Validation.SqlVerdict.Sql"/>) on one source, and the
/// output columns whose values must be masked (<see cref="Gateway.Sql.Validation.SqlVerdict.MaskedOutputColumns"/>).
/// </summary>
public sealed record QueryRequest(SourceDescriptor Source, string ValidatedSql, GatewayPrincipal Principal)
{
    public IReadOnlyCollection<string> MaskedColumns { get; init; } = [];
}

/// <summary>
/// The columns (name, neutral kind, engine type), the rows as canonical values in column order (see
/// <see cref="Gateway.Execution.Results.IResultSink"/>), whether the row or size cap cut them, and the engine's time.
/// </summary>
public sealed record QueryResult(
    IReadOnlyList<ResultColumn> Columns,
    IReadOnlyList<IReadOnlyList<object?>> Rows,
    bool Truncated = false,
    TimeSpan Elapsed = default)
{
    public long RowCount => Rows.Count;
}

/// <summary>
/// How an <see cref="IQueryService"/> reports a failure the client may see: a stable <see cref="ErrorCode"/> (for
/// the problem response and the audit trail) and a message free of connection details and row data.
/// </summary>
public sealed class QueryExecutionException : Exception
{
    public QueryExecutionException() : this("execution.failed", "The query failed.") { }

    public QueryExecutionException(string message) : this("execution.failed", message) { }

    public QueryExecutionException(string message, Exception inner) : this("execution.failed", message, inner) { }

    public QueryExecutionException(string errorCode, string message, Exception? inner = null, bool isTransient = false) : base(message, inner)
    {
        ErrorCode = errorCode;
        IsTransient = isTransient;
    }

    public string ErrorCode { get; }

    /// <summary>True when retrying the same request may succeed (timeouts, lost connections): answered 503, not 422.</summary>
    public bool IsTransient { get; }
}
