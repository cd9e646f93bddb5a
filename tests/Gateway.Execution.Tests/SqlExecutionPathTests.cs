using Gateway.Execution.Results;
using Gateway.Execution.Sources;
using Gateway.Sql.Dialects;
using Gateway.Sql.Policy;
using Gateway.Sql.Validation;
using Microsoft.Data.Sqlite;

namespace Gateway.Execution.Tests;

/// <summary>The one validate-then-execute path, on a real SQLite file the class creates.</summary>
public sealed class SqlExecutionPathTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("gateway-path-").FullName;
    private readonly SourceDescriptor _source;

    public SqlExecutionPathTests()
    {
        var file = Path.Combine(_folder, "people.db");
        using (var connection = new SqliteConnection($"Data Source={file}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT, email TEXT);
                INSERT INTO people VALUES (1, 'Ada', 'ada@example.com'), (2, 'Grace', NULL), (3, 'Edsger', 'e@example.com'),
                                          (4, 'Barbara', 'b@example.com'), (5, 'Donald', 'd@example.com');
                """;
            command.ExecuteNonQuery();
        }

        _source = SourceDescriptor.Parse($"people=sqlite:{file}");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_rejected_statement_never_reaches_the_source()
    {
        var path = new SqlExecutionPath(SqlPolicyLoader.LoadDefault());
        var sink = new BufferedResultSink();

        var run = await path.RunAsync(_source, "DELETE FROM people", sink);

        Assert.False(run.Allowed);
        Assert.Null(run.Summary);
        Assert.Null(run.ExecutedSql);
        Assert.NotNull(run.Verdict.Rule);
        Assert.Empty(sink.Columns);
        Assert.Equal(5L, await CountAsync());
    }

    [Fact]
    public async Task An_allowed_statement_runs_the_validators_sql_and_streams_its_rows()
    {
        var path = new SqlExecutionPath(SqlPolicyLoader.LoadDefault());
        var sink = new BufferedResultSink();

        var run = await path.RunAsync(_source, "SELECT id, name FROM people ORDER BY id", sink);

        Assert.True(run.Allowed);
        Assert.Equal(run.Verdict.Sql, run.ExecutedSql);
        Assert.Equal(5, run.Summary!.RowCount);
        Assert.Equal(["Ada", "Grace", "Edsger", "Barbara", "Donald"], sink.Rows.Select(row => (string?)row[1]));
    }

    [Fact]
    public async Task The_policy_row_cap_cuts_the_result_and_flags_it_truncated()
    {
        var path = new SqlExecutionPath(SqlPolicyLoader.LoadDefault() with { MaxRows = 2 });
        var sink = new BufferedResultSink();

        var run = await path.RunAsync(_source, "SELECT id FROM people ORDER BY id", sink);

        Assert.Equal(2, run.Summary!.RowCount);
        Assert.True(run.Summary.Truncated);
        Assert.Equal(TruncationReason.RowLimit, run.Summary.TruncationReason);
    }

    [Fact]
    public async Task A_lower_per_call_row_cap_wins_over_the_policys()
    {
        var path = new SqlExecutionPath(SqlPolicyLoader.LoadDefault());
        var sink = new BufferedResultSink();

        var run = await path.RunAsync(_source, "SELECT id FROM people ORDER BY id", sink, new SqlRunLimits { MaxRows = 3 });

        Assert.Equal(3, run.Summary!.RowCount);
        Assert.True(run.Summary.Truncated);
    }

    [Fact]
    public async Task Columns_the_policy_masks_are_masked_on_the_way_out()
    {
        var policy = SqlPolicyLoader.LoadDefault() with { MaskedColumns = new HashSet<string>(["email"], StringComparer.OrdinalIgnoreCase) };
        var path = new SqlExecutionPath(policy);
        var sink = new BufferedResultSink();

        var run = await path.RunAsync(_source, "SELECT id, email FROM people ORDER BY id", sink);

        Assert.True(run.Summary!.Columns[1].Masked);
        Assert.Equal(["***", null, "***", "***", "***"], sink.Rows.Select(row => row[1]));
    }

    [Fact]
    public void The_same_sql_in_the_same_dialect_is_validated_once()
    {
        var validator = new CountingValidator();
        var path = new SqlExecutionPath(SqlPolicyLoader.LoadDefault(), validator);

        var first = path.Validate("SELECT id FROM people", SqlDialectKind.Sqlite);
        var second = path.Validate("SELECT id FROM people", SqlDialectKind.Sqlite);
        path.Validate("SELECT id FROM people", SqlDialectKind.Postgres);

        Assert.Same(first, second);
        Assert.Equal(2, validator.Calls);
    }

    [Fact]
    public void Very_long_sql_is_validated_every_time()
    {
        var validator = new CountingValidator();
        var path = new SqlExecutionPath(SqlPolicyLoader.LoadDefault(), validator);
        var sql = "SELECT id FROM people WHERE name <> '" + new string('x', SqlExecutionPath.MaxCachedSqlLength) + "'";

        path.Validate(sql, SqlDialectKind.Sqlite);
        path.Validate(sql, SqlDialectKind.Sqlite);

        Assert.Equal(2, validator.Calls);
    }

    [Fact]
    public async Task Executing_a_rejected_verdict_is_refused()
    {
        var path = new SqlExecutionPath(SqlPolicyLoader.LoadDefault());

        await Assert.ThrowsAsync<ArgumentException>(() =>
            path.ExecuteAsync(_source, SqlVerdict.Reject("test.rule", "no"), new BufferedResultSink()));
    }

    private async Task<long> CountAsync()
    {
        await using var connection = new SqliteConnection(_source.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM people";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The real validator, counting how often it is asked.</summary>
    private sealed class CountingValidator : ISqlValidator
    {
        private readonly SqlValidator _inner = new();

        public int Calls { get; private set; }

        public SqlVerdict Validate(string sql, SqlDialectKind dialect, SqlPolicy policy)
        {
            Calls++;
            return _inner.Validate(sql, dialect, policy);
        }
    }
}
