using Gateway.Execution.Sources;

namespace Gateway.Execution.Tests.Engines;

/// <summary>The CI PostgreSQL (GATEWAY_TEST_POSTGRES), logged in as the database owner, who may write.</summary>
public sealed class PostgresFixture : EngineFixture
{
    public override string SkipReason => TestSources.SkipReason(TestSources.PostgresVariable);

    protected override Task<SourceDescriptor?> CreateSourceAsync() =>
        Task.FromResult(TestSources.FromEnvironment(TestSources.PostgresVariable, SourceProvider.Postgres, "pg"));

    protected override IReadOnlyList<string> SetupStatements =>
    [
        "DROP TABLE IF EXISTS gw_t_types",
        "CREATE TABLE gw_t_types (id integer PRIMARY KEY, name text, amount numeric(12,2), ratio double precision, flag boolean, day date, at timestamp, payload bytea)",
        "INSERT INTO gw_t_types VALUES (1, 'Zoë — 東京 🚀', 12.50, 0.25, true, '2024-02-29', '2024-02-29 13:45:10', '\\xDEADBEEF'::bytea)",
        "INSERT INTO gw_t_types (id) VALUES (2)",
        "CREATE TABLE IF NOT EXISTS gw_t_victim (id integer)",
    ];
}

public sealed class PostgresExecutorTests : ExecutorContractTests<PostgresFixture>, IClassFixture<PostgresFixture>
{
    public PostgresExecutorTests(PostgresFixture fixture)
        : base(fixture)
    {
    }

    protected override string SeriesSql(int count) => $"SELECT n FROM generate_series(1, {count}) AS n";

    protected override string SlowSql => "SELECT pg_sleep(30)";

    protected override string ExpectedFirstRowJson => """[1,"Zoë — 東京 🚀",12.50,0.25,true,"2024-02-29","2024-02-29T13:45:10","3q2+7w=="]""";

    protected override SourceDescriptor UnreachableSource =>
        SourceDescriptor.Parse("gone=postgres:Host=127.0.0.1;Port=1;Database=x;Username=u;Password=s3cret-pw;Timeout=3");
}
