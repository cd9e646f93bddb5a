using Gateway.Audit.Export;
using Gateway.Audit.Postgres;
using Gateway.Audit.Sqlite;
using Gateway.Audit.Tests.Trail;
using Gateway.Audit.Trail;
using Gateway.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Gateway.Audit.Tests.Postgres;

/// <summary>
/// The contract on the CI PostgreSQL server, plus what only a shared server has: migrations run once by whichever
/// replica comes first, a login that may only read and insert, passwords from the environment, an unreachable server.
/// </summary>
public sealed class PostgresAuditStoreTests : AuditStoreContract
{
    private readonly string _schema = TestPostgres.NewSchemaName();

    private string Table => $"\"{_schema}\".gateway_audit";

    protected override void SkipUnlessAvailable() => TestPostgres.SkipUnlessAvailable();

    protected override IAuditStore OpenStore() => Open(TestPostgres.AuditOptions(_schema));

    private PostgresAuditStore Open(AuditStoreOptions options) => new(options, Clock, NullLogger<PostgresAuditStore>.Instance);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await TestPostgres.DropSchemaAsync(_schema);
    }

    // The owner may disable the trigger; what it then changes is what the chain must catch.
    protected override Task ForceUpdateAsync(long id, string column, string value) => TestPostgres.ExecuteAsync(
        $"ALTER TABLE {Table} DISABLE TRIGGER gateway_audit_append_only; UPDATE {Table} SET {column} = @value WHERE id = {id}; ALTER TABLE {Table} ENABLE TRIGGER gateway_audit_append_only",
        parameters: ("value", value));

    protected override Task ForceDeleteAsync(long id) => TestPostgres.ExecuteAsync(
        $"ALTER TABLE {Table} DISABLE TRIGGER gateway_audit_append_only; DELETE FROM {Table} WHERE id = {id}; ALTER TABLE {Table} ENABLE TRIGGER gateway_audit_append_only");

    protected override Task PlainUpdateAsync() => TestPostgres.ExecuteAsync($"UPDATE {Table} SET principal = 'mallory'");

    protected override Task PlainDeleteAsync() => TestPostgres.ExecuteAsync($"DELETE FROM {Table}");

    [SkippableFact]
    public async Task Truncate_is_refused_by_the_store()
    {
        SkipUnlessAvailable();
        await AppendManyAsync(2);

        var ex = await Assert.ThrowsAsync<PostgresException>(() => TestPostgres.ExecuteAsync($"TRUNCATE {Table}"));

        Assert.Contains("append-only", ex.MessageText, StringComparison.Ordinal);
        Assert.Equal(2, (await Store.VerifyAsync()).RecordsChecked);
    }

    [SkippableFact]
    public async Task Replicas_starting_together_apply_each_migration_once()
    {
        SkipUnlessAvailable();
        var replicas = Enumerable.Range(0, 4).Select(_ => Open(TestPostgres.AuditOptions(_schema))).ToArray();
        try
        {
            await Task.WhenAll(replicas.Select(r => Task.Run(() => r.AppendAsync(Event()))));

            var applied = await TestPostgres.ScalarAsync($"SELECT count(*) FROM \"{_schema}\".gateway_audit_migrations");
            Assert.Equal((long)PostgresAuditSchema.LatestVersion, applied);
            Assert.Equal(4, (await Store.VerifyAsync()).RecordsChecked);
        }
        finally
        {
            foreach (var replica in replicas)
            {
                await replica.DisposeAsync();
            }
        }
    }

    [SkippableFact]
    public async Task A_store_reopened_on_an_existing_trail_continues_its_chain()
    {
        SkipUnlessAvailable();
        await AppendManyAsync(3);

        await using var reopened = Open(TestPostgres.AuditOptions(_schema));
        var next = await reopened.AppendAsync(Event());

        Assert.Equal(4, next.Id);
        Assert.Equal((await Store.GetAsync(3))!.Hash, next.PreviousHash);
    }

    [SkippableFact]
    public async Task Trails_in_two_schemas_are_independent_chains()
    {
        SkipUnlessAvailable();
        var otherSchema = TestPostgres.NewSchemaName();
        try
        {
            await using var other = Open(TestPostgres.AuditOptions(otherSchema));
            await AppendManyAsync(2);
            var first = await other.AppendAsync(Event());

            Assert.Equal(1, first.Id);
            Assert.Equal(AuditChain.GenesisHash, first.PreviousHash);
        }
        finally
        {
            await TestPostgres.DropSchemaAsync(otherSchema);
        }
    }

    [SkippableFact]
    public async Task A_login_granted_only_select_and_insert_appends_without_running_migrations()
    {
        SkipUnlessAvailable();
        var readOnly = Environment.GetEnvironmentVariable(TestPostgres.ReadOnlyVariable);
        Skip.If(string.IsNullOrEmpty(readOnly), $"{TestPostgres.ReadOnlyVariable} is not set.");
        await AppendManyAsync(1); // the owner creates the tables
        var role = new NpgsqlConnectionStringBuilder(readOnly).Username;
        await TestPostgres.ExecuteAsync(
            $"GRANT USAGE ON SCHEMA \"{_schema}\" TO {role}; GRANT SELECT ON \"{_schema}\".gateway_audit_migrations TO {role}; GRANT SELECT, INSERT ON {Table} TO {role}");

        await using var limited = Open(TestPostgres.AuditOptions(_schema, readOnly));
        var record = await limited.AppendAsync(Event("limited"));

        Assert.Equal(2, record.Id);
        Assert.True((await limited.VerifyAsync()).Intact);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => TestPostgres.ExecuteAsync($"DELETE FROM {Table}", readOnly));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }

    [SkippableFact]
    public async Task Password_read_from_the_named_variable_opens_the_trail()
    {
        SkipUnlessAvailable();
        var builder = new NpgsqlConnectionStringBuilder(TestPostgres.ConnectionString);
        var password = builder.Password;
        Skip.If(string.IsNullOrEmpty(password), "the test login has no password");
        builder.Password = null;
        var variable = "GATEWAY_TEST_AUDIT_PW_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Environment.SetEnvironmentVariable(variable, password);
        try
        {
            await using var store = Open(TestPostgres.AuditOptions(_schema, builder.ConnectionString) with { PasswordEnv = variable });

            var record = await store.AppendAsync(Event());

            Assert.Equal(1, record.Id);
            Assert.DoesNotContain(password!, store.Location, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task Unreachable_server_refuses_the_append_without_revealing_the_password()
    {
        await using var store = Open(TestPostgres.AuditOptions("public", "Host=127.0.0.1;Port=1;Database=gone;Username=u;Password=s3cret-pw;Timeout=3"));

        var ex = await Assert.ThrowsAsync<AuditWriteException>(() => store.AppendAsync(Event()));

        Assert.DoesNotContain("s3cret-pw", ex.Message, StringComparison.Ordinal);
        Assert.Contains("postgres://u@127.0.0.1:1/gone", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_store_recovers_once_its_server_answers_again()
    {
        // Port 1 never answers; the store must fail each append on its own rather than stay broken.
        await using var store = Open(TestPostgres.AuditOptions("public", "Host=127.0.0.1;Port=1;Database=gone;Username=u;Timeout=3"));

        await Assert.ThrowsAsync<AuditWriteException>(() => store.AppendAsync(Event()));
        await Assert.ThrowsAsync<AuditWriteException>(() => store.AppendAsync(Event()));
    }

    [SkippableFact]
    public async Task Export_matches_the_sqlite_store_byte_for_byte_for_the_same_events()
    {
        SkipUnlessAvailable();
        using var directory = new TempDirectory();
        await using var sqlite = new SqliteAuditStore(directory.File("audit.db"), Clock, NullLogger<SqliteAuditStore>.Instance);
        AuditEvent[] events =
        [
            Event("alice") with { Question = "top customers, by \"revenue\"", RowCount = 10 },
            Event("bob", AuditVerdict.Rejected, "statement.data_change"),
            Event("alice", AuditVerdict.Error) with { ErrorCode = "execution.timeout", DurationMs = 30000.5 },
        ];
        foreach (var e in events)
        {
            await Store.AppendAsync(e);
            await sqlite.AppendAsync(e);
            Clock.Advance(TimeSpan.FromSeconds(7));
        }

        foreach (var format in new[] { AuditExportFormat.Jsonl, AuditExportFormat.Csv })
        {
            using var fromPostgres = new StringWriter();
            using var fromSqlite = new StringWriter();
            await AuditExporter.WriteAsync(Store.ReadAsync(AuditFilter.All), format, fromPostgres);
            await AuditExporter.WriteAsync(sqlite.ReadAsync(AuditFilter.All), format, fromSqlite);

            Assert.Equal(fromSqlite.ToString(), fromPostgres.ToString());
        }
    }
}
