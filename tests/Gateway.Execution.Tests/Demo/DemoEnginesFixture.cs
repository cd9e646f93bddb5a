using Gateway.Execution.Demo;
using Gateway.Execution.Providers;
using Gateway.Execution.Sources;
using Gateway.Execution.Tests.Engines;
using Microsoft.Data.Sqlite;

namespace Gateway.Execution.Tests.Demo;

/// <summary>
/// The demo data set on all three CI engines: the SQLite demo.db, and the same rows loaded into the CI
/// PostgreSQL and MariaDB through <see cref="DemoLoader"/>. Loaded once for the whole collection.
/// </summary>
public sealed class DemoEnginesFixture : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("gateway-demo-engines-").FullName;

    public SourceDescriptor Sqlite { get; private set; } = null!;

    public SourceDescriptor? Postgres { get; private set; }

    public SourceDescriptor? MySql { get; private set; }

    public async Task InitializeAsync()
    {
        Sqlite = await DemoDatabase.EnsureAsync(_folder);
        var data = new DemoGenerator().Generate();
        Postgres = await LoadAsync(TestSources.FromEnvironment(TestSources.PostgresVariable, SourceProvider.Postgres, "pg"), data);
        MySql = await LoadAsync(TestSources.FromEnvironment(TestSources.MySqlVariable, SourceProvider.MySql, "maria"), data);
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    private static async Task<SourceDescriptor?> LoadAsync(SourceDescriptor? source, DemoData data)
    {
        if (source is null)
        {
            return null;
        }

        var connection = SourceConnectors.For(source.Provider).CreateOwnerConnection(source);
        await using (connection)
        {
            await connection.OpenAsync();
            await DemoLoader.LoadAsync(connection, source.Provider, data);
        }

        return source;
    }
}

[CollectionDefinition(Name)]
public sealed class DemoEnginesGroup : ICollectionFixture<DemoEnginesFixture>
{
    public const string Name = "demo on every engine";
}
