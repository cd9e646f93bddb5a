using Gateway.Execution.Sources;

namespace Gateway.Execution.Tests.Engines;

/// <summary>The CI MariaDB (GATEWAY_TEST_MYSQL), logged in as the database owner, who may write.</summary>
public sealed class MariaDbFixture : EngineFixture
{
    public override string SkipReason => TestSources.SkipReason(TestSources.MySqlVariable);

    protected override Task<SourceDescriptor?> CreateSourceAsync() =>
        Task.FromResult(TestSources.FromEnvironment(TestSources.MySqlVariable, SourceProvider.MySql, "maria"));

    protected override IReadOnlyList<string> SetupStatements =>
    [
        "DROP TABLE IF EXISTS gw_t_types",
        "CREATE TABLE gw_t_types (id INT PRIMARY KEY, name VARCHAR(100), amount DECIMAL(12,2), ratio DOUBLE, flag BOOLEAN, day DATE, at DATETIME, payload VARBINARY(16))",
        "INSERT INTO gw_t_types VALUES (1, 'Zoë — 東京 🚀', 12.50, 0.25, TRUE, '2024-02-29', '2024-02-29 13:45:10', X'DEADBEEF')",
        "INSERT INTO gw_t_types (id) VALUES (2)",
        "CREATE TABLE IF NOT EXISTS gw_t_victim (id INT)",
    ];
}

public sealed class MariaDbExecutorTests : ExecutorContractTests<MariaDbFixture>, IClassFixture<MariaDbFixture>
{
    public MariaDbExecutorTests(MariaDbFixture fixture)
        : base(fixture)
    {
    }

    protected override string SeriesSql(int count) => $"SELECT seq AS n FROM seq_1_to_{count}";

    protected override string SlowSql => "SELECT SLEEP(30)";

    protected override string ExpectedFirstRowJson => """[1,"Zoë — 東京 🚀",12.50,0.25,true,"2024-02-29","2024-02-29T13:45:10","3q2+7w=="]""";

    protected override SourceDescriptor UnreachableSource =>
        SourceDescriptor.Parse("gone=mysql:Server=127.0.0.1;Port=1;Database=x;User ID=u;Password=s3cret-pw;Connection Timeout=3");
}
