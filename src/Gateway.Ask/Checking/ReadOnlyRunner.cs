using Gateway.Execution;
using Gateway.Execution.Results;
using Gateway.Execution.Sources;
using Gateway.Sql.Dialects;
using Gateway.Sql.Policy;
using Gateway.Sql.Validation;

namespace Gateway.Ask.Checking;

/// <summary>
/// The safety contract for generated SQL, the same as for SQL people write: <see cref="ISqlValidator"/> under the
/// policy first, then the validator's SQL (row cap written in) on the source's read-only path, masked columns masked.
/// </summary>
public sealed class ReadOnlyRunner
{
    private readonly ISqlValidator _validator;
    private readonly IQueryExecutorFactory _executors;
    private readonly SqlPolicy _policy;
    private readonly SqlPolicy _probe;
    private readonly AskOptions _options;

    public ReadOnlyRunner(ISqlValidator validator, IQueryExecutorFactory executors, SqlPolicy policy, AskOptions options)
    {
        _validator = validator ?? throw new ArgumentNullException(nameof(validator));
        _executors = executors ?? throw new ArgumentNullException(nameof(executors));
        _policy = policy ?? throw new ArgumentNullException(nameof(policy));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        // The cap is written one above the policy's, so the executor, capping at the policy's, sees more exist and flags truncation.
        _probe = policy.MaxRows is { } cap and < int.MaxValue ? policy with { MaxRows = cap + 1 } : policy;
    }

    public SqlVerdict Check(string sql, SqlDialectKind dialect) => _validator.Validate(sql, dialect, _probe);

    /// <summary>Runs an allowed verdict's SQL; <paramref name="maxRows"/> lowers the policy's cap (intermediate queries).</summary>
    public async Task<QueryOutcome> RunAsync(SourceDescriptor source, SqlVerdict verdict, int? maxRows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        if (!verdict.Allowed || verdict.Sql is null)
        {
            throw new ArgumentException("Only an allowed verdict runs.", nameof(verdict));
        }

        var cap = (maxRows, _policy.MaxRows) switch
        {
            ({ } asked, { } policyCap) => Math.Min(asked, policyCap),
            ({ } asked, null) => asked,
            (null, var policyCap) => policyCap,
        };
        var sink = new BufferedResultSink();
        var limits = new ExecutionOptions { MaxRows = cap, Timeout = _options.QueryTimeout, MaskedColumns = verdict.MaskedOutputColumns };
        var summary = await _executors.Create(source).ExecuteAsync(verdict.Sql, sink, limits, cancellationToken).ConfigureAwait(false);
        return new QueryOutcome(verdict.Sql, summary.Columns, sink.Rows, summary.Truncated, summary.Elapsed);
    }
}

/// <summary>What ran and what came back.</summary>
public sealed record QueryOutcome(
    string Sql,
    IReadOnlyList<ResultColumn> Columns,
    IReadOnlyList<IReadOnlyList<object?>> Rows,
    bool Truncated,
    TimeSpan Elapsed);
