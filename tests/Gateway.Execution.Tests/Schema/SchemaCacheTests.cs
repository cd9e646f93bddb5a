using Gateway.Execution.Demo;
using Gateway.Execution.Schema;
using Gateway.Execution.Sources;
using Microsoft.Data.Sqlite;

namespace Gateway.Execution.Tests.Schema;

public sealed class SchemaCacheTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("gateway-cache-").FullName;
    private readonly ManualClock _clock = new();
    private SourceDescriptor _source = null!;

    private string CacheFolder => Path.Combine(_folder, "schema");

    public async Task InitializeAsync()
    {
        var path = Path.Combine(_folder, "tiny.db");
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE t (id INTEGER PRIMARY KEY, kind TEXT NOT NULL); INSERT INTO t VALUES (1, 'a'), (2, 'b')";
        await command.ExecuteNonQueryAsync();
        _source = DemoDatabase.Source(path) with { Name = "tiny" };
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Second_read_returns_the_cached_model()
    {
        var cache = new SchemaCache(CacheFolder, time: _clock);
        var first = await cache.GetAsync(_source);
        _clock.Advance(TimeSpan.FromMinutes(1));

        var second = await cache.GetAsync(_source);

        Assert.Equal(first.ReadAt, second.ReadAt);
    }

    [Fact]
    public async Task Refresh_reads_the_source_again()
    {
        var cache = new SchemaCache(CacheFolder, time: _clock);
        var first = await cache.GetAsync(_source);
        _clock.Advance(TimeSpan.FromMinutes(1));

        var second = await cache.GetAsync(_source, refresh: true);

        Assert.True(second.ReadAt > first.ReadAt);
    }

    [Fact]
    public async Task Another_cache_on_the_same_folder_reads_the_stored_file()
    {
        var first = await new SchemaCache(CacheFolder, time: _clock).GetAsync(_source);
        _clock.Advance(TimeSpan.FromMinutes(1));

        var second = await new SchemaCache(CacheFolder, time: _clock).GetAsync(_source);

        Assert.Equal(first.ReadAt, second.ReadAt);
        Assert.Equal(["a", "b"], second.Find("t")!.Columns.Single(c => c.Name == "kind").SampleValues);
    }

    [Fact]
    public async Task Entry_older_than_the_maximum_age_is_read_again()
    {
        var cache = new SchemaCache(CacheFolder, TimeSpan.FromHours(1), _clock);
        var first = await cache.GetAsync(_source);
        _clock.Advance(TimeSpan.FromHours(2));

        var second = await cache.GetAsync(_source);

        Assert.True(second.ReadAt > first.ReadAt);
    }

    [Fact]
    public async Task Cache_file_name_never_contains_the_connection_string()
    {
        await new SchemaCache(CacheFolder, time: _clock).GetAsync(_source);

        var file = Assert.Single(Directory.GetFiles(CacheFolder));
        Assert.StartsWith("tiny-", Path.GetFileName(file), StringComparison.Ordinal);
        Assert.DoesNotContain("tiny.db", Path.GetFileName(file), StringComparison.Ordinal);
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
