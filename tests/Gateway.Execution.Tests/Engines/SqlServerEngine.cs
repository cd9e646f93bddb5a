using Gateway.Execution.Sources;

namespace Gateway.Execution.Tests.Engines;

/// <summary>A SQL Server given by GATEWAY_TEST_SQLSERVER (not started by CI); every test skips without it.</summary>
public sealed class SqlServerFixture : EngineFixture
{
    public override string SkipReason => $"{TestSources.SqlServerVariable} is not set; SQL Server tests run only against a given server.";

    protected override Task<SourceDescriptor?> CreateSourceAsync() =>
        Task.FromResult(TestSources.FromEnvironment(TestSources.SqlServerVariable, SourceProvider.SqlServer, "mssql"));

    protected override IReadOnlyList<string> SetupStatements =>
    [
        "DROP TABLE IF EXISTS gw_t_types",
        "CREATE TABLE gw_t_types (id int PRIMARY KEY, name nvarchar(100), amount decimal(12,2), ratio float, flag bit, day date, at datetime2(0), payload varbinary(16))",
        "INSERT INTO gw_t_types VALUES (1, N'Zoë — 東京 🚀', 12.50, 0.25, 1, '2024-02-29', '2024-02-29 13:45:10', 0xDEADBEEF)",
        "INSERT INTO gw_t_types (id) VALUES (2)",
        "IF OBJECT_ID('gw_t_victim') IS NULL CREATE TABLE gw_t_victim (id int)",
    ];
}

public sealed class SqlServerExecutorTests : ExecutorContractTests<SqlServerFixture>, IClassFixture<SqlServerFixture>
{
    public SqlServerExecutorTests(SqlServerFixture fixture)
        : base(fixture)
    {
    }

    protected override bool EngineRefusesWrites => false;

    protected override string SeriesSql(int count) =>
        $"SELECT TOP ({count}) ROW_NUMBER() OVER (ORDER BY (SELECT NULL)) AS n FROM sys.all_objects a CROSS JOIN sys.all_objects b";

    protected override string SlowSql => "WAITFOR DELAY '00:00:30'";

    protected override string ExpectedFirstRowJson => """[1,"Zoë — 東京 🚀",12.50,0.25,true,"2024-02-29","2024-02-29T13:45:10","3q2+7w=="]""";

    protected override SourceDescriptor UnreachableSource =>
        SourceDescriptor.Parse("gone=sqlserver:Server=tcp:127.0.0.1,1;Database=x;User ID=u;Password=s3cret-pw;Connect Timeout=3;Encrypt=false");
}
