using System.Collections.Concurrent;
using Gateway.Execution.Results;
using Gateway.Execution.Sources;
using Gateway.Sql.Dialects;
using Gateway.Sql.Policy;
using Gateway.Sql.Validation;

namespace Gateway.Execution;

/// <summary>
/// The one way SQL reaches a source: validate under the policy (the row cap rewritten into the SQL), then run the
/// validator's SQL read-only, masked columns masked, streaming the rows to a sink. <c>gateway sql</c>,
/// <c>POST /v1/sql</c> (and MCP <c>run_sql</c>), and the <c>bench sql</c> / <c>bench http</c> measurements all go
/// through it. A rejected statement never reaches the source.
/// </summary>
/// <remarks>
/// Verdicts are cached per dialect and exact SQL text: validation is a pure function of the text, the dialect and
/// this path's policy, so repeating a query (dashboards do) skips the parse. The cache is bounded and cleared
/// when full; very long statements are not kept.
/// </remarks>
public sealed class SqlExecutionPath
{
    /// <summary>Distinct statements whose verdicts are kept before the cache starts over.</summary>
    public const int VerdictCacheCapacity = 1024;

    /// <summary>Statements longer than this (characters) are validated every time, never kept.</summary>
    public const int MaxCachedSqlLength = 16 * 1024;

    private readonly ISqlValidator _validator;
    private readonly IQueryExecutorFactory _executors;
    private readonly SqlPolicy _probe;
    private readonly ConcurrentDictionary<(SqlDialectKind Dialect, string Sql), SqlVerdict> _verdicts = new();

    public SqlExecutionPath(SqlPolicy policy, ISqlValidator? validator = null, IQueryExecutorFactory? executors = null)
    {
        Policy = policy ?? throw new ArgumentNullException(nameof(policy));
        _validator = validator ?? new SqlValidator();
        _executors = executors ?? new QueryExecutorFactory();
        // The cap is written one above the policy's, so the executor, capping at the policy's number, sees that
        // more rows exist and flags the result truncated.
        _probe = policy.MaxRows is { } cap and < int.MaxValue ? policy with { MaxRows = cap + 1 } : policy;
    }

    public SqlPolicy Policy { get; }

    /// <summary>The validator's dialect for a source's engine.</summary>
    public static SqlDialectKind DialectOf(SourceProvider provider) => provider switch
    {
        SourceProvider.Sqlite => SqlDialectKind.Sqlite,
        SourceProvider.Postgres => SqlDialectKind.Postgres,
        SourceProvider.MySql => SqlDialectKind.MySql,
        SourceProvider.SqlServer => SqlDialectKind.SqlServer,
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };

    /// <summary>The verdict on <paramref name="sql"/> in <paramref name="dialect"/> under this path's policy; when allowed, its SQL is what runs.</summary>
    public SqlVerdict Validate(string sql, SqlDialectKind dialect)
    {
        ArgumentNullException.ThrowIfNull(sql);
        if (sql.Length > MaxCachedSqlLength)
        {
            return _validator.Validate(sql, dialect, _probe);
        }

        var key = (dialect, sql);
        if (_verdicts.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var verdict = _validator.Validate(sql, dialect, _probe);
        if (_verdicts.Count >= VerdictCacheCapacity)
        {
            _verdicts.Clear();
        }

        _verdicts.TryAdd(key, verdict);
        return verdict;
    }

    /// <summary>
    /// Runs an allowed verdict's SQL on <paramref name="source"/>: read-only, capped at the policy's rows (or the
    /// lower <see cref="SqlRunLimits.MaxRows"/>), the verdict's masked columns masked.
    /// </summary>
    public Task<ExecutionSummary> ExecuteAsync(SourceDescriptor source, SqlVerdict verdict, IResultSink sink, SqlRunLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(verdict);
        ArgumentNullException.ThrowIfNull(sink);
        if (!verdict.Allowed || verdict.Sql is null)
        {
            throw new ArgumentException("Only an allowed verdict runs.", nameof(verdict));
        }

        limits ??= SqlRunLimits.Default;
        var options = new ExecutionOptions
        {
            MaxRows = (limits.MaxRows, Policy.MaxRows) switch
            {
                ({ } asked, { } cap) => Math.Min(asked, cap),
                ({ } asked, null) => asked,
                (null, var cap) => cap,
            },
            MaxResultBytes = limits.MaxResultBytes,
            Timeout = limits.Timeout,
            MaskedColumns = verdict.MaskedOutputColumns,
        };
        return _executors.Create(source).ExecuteAsync(verdict.Sql, sink, options, cancellationToken);
    }

    /// <summary>Validates, then (only when allowed) executes; the result says which happened.</summary>
    public async Task<SqlRun> RunAsync(SourceDescriptor source, string sql, IResultSink sink, SqlRunLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var verdict = Validate(sql, DialectOf(source.Provider));
        if (!verdict.Allowed)
        {
            return new SqlRun(verdict, null);
        }

        var summary = await ExecuteAsync(source, verdict, sink, limits, cancellationToken).ConfigureAwait(false);
        return new SqlRun(verdict, summary);
    }
}

/// <summary>Per-call limits of a <see cref="SqlExecutionPath"/> run; the row cap can only be lowered below the policy's.</summary>
public sealed record SqlRunLimits
{
    /// <summary>Wall-clock limit, enforced by the engine and by cancelling the command. Default 30 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A lower row cap than the policy's (e.g. intermediate queries); null: the policy's.</summary>
    public int? MaxRows { get; init; }

    /// <summary>Approximate result size before the result is cut and flagged truncated. Default 16 MiB.</summary>
    public long MaxResultBytes { get; init; } = ExecutionOptions.Default.MaxResultBytes;

    public static SqlRunLimits Default { get; } = new();
}

/// <summary>What a <see cref="SqlExecutionPath.RunAsync"/> did: the verdict, and the execution when it was allowed.</summary>
public sealed record SqlRun(SqlVerdict Verdict, ExecutionSummary? Summary)
{
    public bool Allowed => Summary is not null;

    /// <summary>The SQL that ran (after policy rewriting); null when rejected.</summary>
    public string? ExecutedSql => Allowed ? Verdict.Sql : null;
}
