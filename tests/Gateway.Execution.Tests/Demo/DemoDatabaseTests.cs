using Gateway.Execution.Demo;
using Gateway.Execution.Results;
using Microsoft.Data.Sqlite;

namespace Gateway.Execution.Tests.Demo;

public sealed class DemoDatabaseTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("gateway-demo-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task First_use_creates_demo_db_and_leaves_no_temporary_file()
    {
        var source = await DemoDatabase.EnsureAsync(_folder);

        Assert.Equal("demo", source.Name);
        Assert.Equal([DemoDatabase.FileName], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Demo_db_holds_every_generated_row()
    {
        var source = await DemoDatabase.EnsureAsync(_folder);
        var expected = new DemoGenerator().Generate();

        foreach (var table in DemoSchema.Tables)
        {
            var sink = new BufferedResultSink();
            await new QueryExecutor(source).ExecuteAsync($"SELECT COUNT(*) FROM {table.Name}", sink, ExecutionOptions.Default);
            Assert.Equal((long)expected[table.Name].Count, sink.Rows[0][0]);
        }
    }

    [Fact]
    public async Task Second_use_reuses_the_existing_file()
    {
        var path = Path.Combine(_folder, DemoDatabase.FileName);
        await DemoDatabase.EnsureAsync(_folder);
        var marker = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, marker);

        await DemoDatabase.EnsureAsync(_folder);

        Assert.Equal(marker, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public async Task File_of_another_version_is_rebuilt()
    {
        var path = Path.Combine(_folder, DemoDatabase.FileName);
        await File.WriteAllTextAsync(path, "not a database");

        await DemoDatabase.EnsureAsync(_folder);

        var sink = new BufferedResultSink();
        await new QueryExecutor(DemoDatabase.Source(path)).ExecuteAsync("PRAGMA user_version", sink, ExecutionOptions.Default);
        Assert.Equal((long)DemoSchema.Version, sink.Rows[0][0]);
    }
}
