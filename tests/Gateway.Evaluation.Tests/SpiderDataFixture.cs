using Gateway.Evaluation.Spider.Data;
using Gateway.Evaluation.Spider.Matching;
using Gateway.Evaluation.Spider.Sql;

namespace Gateway.Evaluation.Tests;

/// <summary>The real Spider dev split from <c>../shared/spider</c> beside the repository root, loaded once per test run.</summary>
public sealed class SpiderDataFixture : IAsyncLifetime
{
    private SpiderDataset? _dev;

    public SpiderDataset Dev => _dev ?? throw new InvalidOperationException("fixture not initialised");

    public static string SpiderDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Gateway.sln")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "spider"));
            }
        }

        throw new DirectoryNotFoundException("Gateway.sln not found above the test assembly.");
    }

    public async Task InitializeAsync() => _dev = await SpiderDataset.LoadAsync(SpiderDirectory(), SpiderSplit.Dev);

    public Task DisposeAsync() => Task.CompletedTask;

    internal async Task<ExactMatchScorer> ScorerAsync(string dbId)
    {
        var names = await SpiderNameSchema.FromDatabaseAsync(Dev.DatabasePath(dbId));
        return new ExactMatchScorer(names, Dev.Schemas[dbId]);
    }

    internal async Task<SpiderSql> ParseAsync(string dbId, string sql) =>
        SpiderSqlParser.Parse(await SpiderNameSchema.FromDatabaseAsync(Dev.DatabasePath(dbId)), sql);
}

[CollectionDefinition(Name)]
public sealed class SpiderDataGroup : ICollectionFixture<SpiderDataFixture>
{
    public const string Name = "Spider data";
}
