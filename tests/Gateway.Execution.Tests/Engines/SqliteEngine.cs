using Gateway.Execution.Sources;

namespace Gateway.Execution.Tests.Engines;

/// <summary>A fresh SQLite file per test class, in its own temporary folder.</summary>
public sealed class SqliteFixture : EngineFixture
{
    private readonly string _folder = Directory.CreateTempSubdirectory("gateway-exec-").FullName;

    public override string SkipReason => "never skipped";

    public override Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    protected override Task<SourceDescriptor?> CreateSourceAsync() =>
        Task.FromResult<SourceDescriptor?>(SourceDescriptor.Parse($"local=sqlite:{Path.Combine(_folder, "types.db")}"));

    protected override IReadOnlyList<string> SetupStatements =>
    [
        "CREATE TABLE gw_t_types (id INTEGER PRIMARY KEY, name TEXT, amount DECIMAL(12,2), ratio REAL, flag BOOLEAN, day DATE, at DATETIME, payload BLOB)",
        "INSERT INTO gw_t_types VALUES (1, 'Zoë — 東京 🚀', 12.50, 0.25, 1, '2024-02-29', '2024-02-29 13:45:10', X'DEADBEEF')",
        "INSERT INTO gw_t_types (id) VALUES (2)",
        "CREATE TABLE gw_t_victim (id INTEGER)",
    ];
}

public sealed class SqliteExecutorTests : ExecutorContractTests<SqliteFixture>, IClassFixture<SqliteFixture>
{
    public SqliteExecutorTests(SqliteFixture fixture)
        : base(fixture)
    {
    }

    protected override string SeriesSql(int count) =>
        $"WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < {count}) SELECT n FROM s";

    protected override string SlowSql => "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 4000000000) SELECT COUNT(*) FROM c";

    // SQLite stores DECIMAL with REAL affinity and timestamps as the text they were given.
    protected override string ExpectedFirstRowJson => """[1,"Zoë — 東京 🚀",12.5,0.25,true,"2024-02-29","2024-02-29 13:45:10","3q2+7w=="]""";

    protected override SourceDescriptor UnreachableSource => SourceDescriptor.Parse("gone=sqlite:/nonexistent-folder/gone.db");
}
