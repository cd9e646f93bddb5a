using Gateway.Audit.Sqlite;
using Gateway.Audit.Trail;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gateway.Audit.Tests.Sqlite;

public sealed class SqliteAuditStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly TestClock _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly SqliteAuditStore _store;

    public SqliteAuditStoreTests() =>
        _store = new SqliteAuditStore(_dir.File("audit.db"), _clock, NullLogger<SqliteAuditStore>.Instance);

    public void Dispose()
    {
        _store.Dispose();
        _dir.Dispose();
    }

    internal static AuditEvent Event(string principal = "alice", AuditVerdict verdict = AuditVerdict.Allowed, string? rule = null, string source = "shop") => new()
    {
        Principal = principal,
        Source = source,
        GeneratedSql = "SELECT 1",
        ExecutedSql = verdict == AuditVerdict.Allowed ? "SELECT 1 LIMIT 1000" : null,
        Verdict = verdict,
        Rule = rule,
        DurationMs = 1.25,
        TraceId = "0af7651916cd43dd8448eb211c80319c",
    };

    private async Task AppendManyAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await _store.AppendAsync(Event());
            _clock.Advance(TimeSpan.FromMinutes(1));
        }
    }

    private async Task ExecuteOnFileAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_dir.File("audit.db")};Pooling=false");
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Records_are_numbered_from_one_and_linked_to_their_predecessor()
    {
        var first = await _store.AppendAsync(Event());
        var second = await _store.AppendAsync(Event());

        Assert.Equal(1, first.Id);
        Assert.Equal(AuditChain.GenesisHash, first.PreviousHash);
        Assert.Equal(2, second.Id);
        Assert.Equal(first.Hash, second.PreviousHash);
        Assert.Equal(AuditChain.ComputeHash(second), second.Hash);
    }

    [Fact]
    public async Task Stored_record_reads_back_field_for_field()
    {
        var written = await _store.AppendAsync(Event() with { Question = "how many?", RowCount = 42, ModelId = "qwen", ErrorCode = null });

        var read = await _store.GetAsync(written.Id);

        Assert.Equal(written, read);
    }

    [Fact]
    public async Task Intact_chain_verifies()
    {
        await AppendManyAsync(5);

        var verification = await _store.VerifyAsync();

        Assert.True(verification.Intact);
        Assert.Equal(5, verification.RecordsChecked);
    }

    [Fact]
    public async Task Ordinary_update_is_refused_by_the_store()
    {
        await AppendManyAsync(1);

        var ex = await Assert.ThrowsAsync<SqliteException>(() => ExecuteOnFileAsync("UPDATE audit SET principal = 'mallory'"));

        Assert.Contains("append-only", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Modified_record_is_named_as_the_first_broken_one()
    {
        await AppendManyAsync(5);

        await ExecuteOnFileAsync("DROP TRIGGER audit_no_update; UPDATE audit SET verdict = 'rejected' WHERE id = 3;");
        var verification = await _store.VerifyAsync();

        Assert.False(verification.Intact);
        Assert.Equal(3, verification.BrokenId);
        Assert.Equal(2, verification.RecordsChecked);
        Assert.Contains("modified", verification.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removed_record_breaks_the_chain_at_its_successor()
    {
        await AppendManyAsync(4);

        await ExecuteOnFileAsync("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id = 2;");
        var verification = await _store.VerifyAsync();

        Assert.False(verification.Intact);
        Assert.Equal(3, verification.BrokenId);
    }

    [Fact]
    public async Task Concurrent_appends_form_one_linear_chain()
    {
        const int n = 64;

        await Task.WhenAll(Enumerable.Range(0, n).Select(i => Task.Run(() => _store.AppendAsync(Event(principal: $"p{i}")))));
        var verification = await _store.VerifyAsync();

        Assert.True(verification.Intact, verification.Reason);
        Assert.Equal(n, verification.RecordsChecked);
    }

    [Fact]
    public async Task Two_store_instances_on_one_file_chain_correctly()
    {
        // Stands in for two gateway processes sharing a data directory: only the file lock orders them.
        using var other = new SqliteAuditStore(_dir.File("audit.db"), _clock, NullLogger<SqliteAuditStore>.Instance);

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => (i % 2 == 0 ? _store : other).AppendAsync(Event()))));

        var verification = await _store.VerifyAsync();
        Assert.True(verification.Intact, verification.Reason);
        Assert.Equal(40, verification.RecordsChecked);
    }

    [Fact]
    public async Task Filters_combine_principal_verdict_and_rule()
    {
        await _store.AppendAsync(Event("alice"));
        await _store.AppendAsync(Event("alice", AuditVerdict.Rejected, "statement.data_change"));
        await _store.AppendAsync(Event("bob", AuditVerdict.Rejected, "statement.data_change"));
        await _store.AppendAsync(Event("alice", AuditVerdict.Rejected, "parse.error"));

        var page = await _store.QueryAsync(new AuditFilter { Principal = "alice", Verdict = AuditVerdict.Rejected, Rule = "statement.data_change" }, null, 10);

        var record = Assert.Single(page.Records);
        Assert.Equal(2, record.Id);
    }

    [Fact]
    public async Task Time_range_is_inclusive_from_and_exclusive_to()
    {
        await AppendManyAsync(5); // minutes 0..4
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var page = await _store.QueryAsync(new AuditFilter { From = start.AddMinutes(1), To = start.AddMinutes(3) }, null, 10);

        Assert.Equal([3L, 2L], page.Records.Select(r => r.Id));
    }

    [Fact]
    public async Task Cursor_pages_cover_every_record_once_newest_first()
    {
        await AppendManyAsync(7);

        var seen = new List<long>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await _store.QueryAsync(AuditFilter.All, cursor, 3);
            seen.AddRange(page.Records.Select(r => r.Id));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal([7L, 6L, 5L, 4L, 3L, 2L, 1L], seen);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task Malformed_cursor_is_refused()
    {
        await Assert.ThrowsAsync<FormatException>(() => _store.QueryAsync(AuditFilter.All, "abc", 10));
    }

    [Fact]
    public async Task Failed_write_is_reported_and_the_next_one_succeeds()
    {
        using var store = new SqliteAuditStore(_dir.File("blocked/audit.db"), _clock, NullLogger<SqliteAuditStore>.Instance);
        Directory.CreateDirectory(_dir.File("blocked/audit.db"));

        await Assert.ThrowsAsync<AuditWriteException>(() => store.AppendAsync(Event()));
        Directory.Delete(_dir.File("blocked/audit.db"));
        var record = await store.AppendAsync(Event());

        Assert.Equal(1, record.Id);
    }

    [Fact]
    public async Task Append_cancelled_before_it_is_queued_writes_nothing()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _store.AppendAsync(Event(), cancelled.Token));

        Assert.Equal(0, (await _store.VerifyAsync()).RecordsChecked);
    }
}
