using Gateway.Execution.Demo;
using Microsoft.Data.Sqlite;

namespace Gateway.Tests.Commands;

/// <summary>A data directory whose demo.db is built once for a test class.</summary>
public sealed class DemoDataDirFixture : IAsyncLifetime
{
    public string DataDir { get; } = Directory.CreateTempSubdirectory("gateway-cli-").FullName;

    public async Task InitializeAsync() => await DemoDatabase.EnsureAsync(DataDir);

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(DataDir, recursive: true);
        return Task.CompletedTask;
    }
}
