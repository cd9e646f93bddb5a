using Gateway.Audit.Sqlite;
using Gateway.Audit.Tests.Trail;
using Gateway.Audit.Trail;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gateway.Audit.Tests.Sqlite;

/// <summary>The contract on an embedded file; the guard is a pair of triggers, which a tamperer drops first.</summary>
public sealed class SqliteAuditStoreTests : AuditStoreContract, IDisposable
{
    private readonly TempDirectory _dir = new();

    private string FilePath => _dir.File("audit.db");

    protected override IAuditStore OpenStore() => new SqliteAuditStore(FilePath, Clock, NullLogger<SqliteAuditStore>.Instance);

    // xunit disposes asynchronously (the store) first, then this (the directory under it).
    public void Dispose() => _dir.Dispose();

    protected override Task ForceUpdateAsync(long id, string column, string value) =>
        ExecuteOnFileAsync($"DROP TRIGGER IF EXISTS audit_no_update; UPDATE audit SET {column} = $value WHERE id = {id};", value);

    protected override Task ForceDeleteAsync(long id) =>
        ExecuteOnFileAsync($"DROP TRIGGER IF EXISTS audit_no_delete; DELETE FROM audit WHERE id = {id};");

    protected override Task PlainUpdateAsync() => ExecuteOnFileAsync("UPDATE audit SET principal = 'mallory'");

    protected override Task PlainDeleteAsync() => ExecuteOnFileAsync("DELETE FROM audit");

    private async Task ExecuteOnFileAsync(string sql, string? value = null)
    {
        await using var connection = new SqliteConnection($"Data Source={FilePath};Pooling=false");
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (value is not null)
        {
            command.Parameters.AddWithValue("$value", value);
        }

        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Failed_write_is_reported_and_the_next_one_succeeds()
    {
        using var store = new SqliteAuditStore(_dir.File("blocked/audit.db"), Clock, NullLogger<SqliteAuditStore>.Instance);
        Directory.CreateDirectory(_dir.File("blocked/audit.db"));

        await Assert.ThrowsAsync<AuditWriteException>(() => store.AppendAsync(Event()));
        Directory.Delete(_dir.File("blocked/audit.db"));
        var record = await store.AppendAsync(Event());

        Assert.Equal(1, record.Id);
    }

    [Fact]
    public void Location_is_the_file_path()
    {
        Assert.Equal(Path.GetFullPath(FilePath), Store.Location);
    }
}
