using Gateway.Audit.Export;
using Gateway.Audit.Trail;

namespace Gateway.Audit.Tests.Trail;

/// <summary>
/// What every <see cref="IAuditStore"/> must do, run against each engine (SQLite, PostgreSQL), so the stores agree on
/// numbering, chaining, tamper detection, filters, cursors and export.
/// </summary>
public abstract class AuditStoreContract : IAsyncLifetime
{
    private IAuditStore? _store;

    protected static DateTimeOffset Start { get; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    internal TestClock Clock { get; } = new(Start);

    protected IAuditStore Store => _store ??= OpenStore();

    /// <summary>A new store instance on the same trail: another process, another replica.</summary>
    protected abstract IAuditStore OpenStore();

    /// <summary>Changes a stored column the way an intruder would: past the store's append-only guard.</summary>
    protected abstract Task ForceUpdateAsync(long id, string column, string value);

    protected abstract Task ForceDeleteAsync(long id);

    /// <summary>An ordinary UPDATE and DELETE through a connection of the test's own; both must be refused.</summary>
    protected abstract Task PlainUpdateAsync();

    protected abstract Task PlainDeleteAsync();

    /// <summary>Skips (or, in CI, fails) when the engine's server is not available.</summary>
    protected virtual void SkipUnlessAvailable()
    {
    }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        if (_store is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
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

    /// <summary>One record a minute, from <see cref="Start"/>.</summary>
    protected async Task AppendManyAsync(int count, IAuditStore? store = null)
    {
        for (var i = 0; i < count; i++)
        {
            await (store ?? Store).AppendAsync(Event());
            Clock.Advance(TimeSpan.FromMinutes(1));
        }
    }

    [SkippableFact]
    public async Task No_trail_exists_before_the_first_append()
    {
        SkipUnlessAvailable();
        Assert.False(await Store.ExistsAsync());

        await Store.AppendAsync(Event());

        Assert.True(await Store.ExistsAsync());
    }

    [SkippableFact]
    public async Task Records_are_numbered_from_one_and_linked_to_their_predecessor()
    {
        SkipUnlessAvailable();
        var first = await Store.AppendAsync(Event());
        var second = await Store.AppendAsync(Event());

        Assert.Equal(1, first.Id);
        Assert.Equal(AuditChain.GenesisHash, first.PreviousHash);
        Assert.Equal(2, second.Id);
        Assert.Equal(first.Hash, second.PreviousHash);
        Assert.Equal(AuditChain.ComputeHash(second), second.Hash);
    }

    [SkippableFact]
    public async Task Stored_record_reads_back_field_for_field()
    {
        SkipUnlessAvailable();
        var written = await Store.AppendAsync(Event() with
        {
            Question = "how many — 東京?",
            RowCount = 42,
            ModelId = "qwen",
            DurationMs = 0.1 + 0.2,
            ErrorCode = "execution.timeout",
        });

        var read = await Store.GetAsync(written.Id);

        Assert.Equal(written, read);
    }

    [SkippableFact]
    public async Task Unknown_id_reads_as_null()
    {
        SkipUnlessAvailable();
        await AppendManyAsync(1);

        Assert.Null(await Store.GetAsync(2));
    }

    [SkippableFact]
    public async Task Intact_chain_verifies()
    {
        SkipUnlessAvailable();
        await AppendManyAsync(5);

        var verification = await Store.VerifyAsync();

        Assert.True(verification.Intact, verification.Reason);
        Assert.Equal(5, verification.RecordsChecked);
    }

    [SkippableFact]
    public async Task Ordinary_update_and_delete_are_refused_by_the_store()
    {
        SkipUnlessAvailable();
        await AppendManyAsync(1);

        var update = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(PlainUpdateAsync);
        var delete = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(PlainDeleteAsync);

        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
        Assert.True((await Store.VerifyAsync()).Intact);
    }

    [SkippableFact]
    public async Task Modified_record_is_named_as_the_first_broken_one()
    {
        SkipUnlessAvailable();
        await AppendManyAsync(5);

        await ForceUpdateAsync(3, "verdict", "rejected");
        var verification = await Store.VerifyAsync();

        Assert.False(verification.Intact);
        Assert.Equal(3, verification.BrokenId);
        Assert.Equal(2, verification.RecordsChecked);
        Assert.Contains("modified", verification.Reason, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Rewritten_hash_breaks_the_link_of_the_next_record()
    {
        SkipUnlessAvailable();
        await AppendManyAsync(4);

        // Recomputing record 2's hash over forged contents still leaves record 3 pointing at the original.
        var forged = (await Store.GetAsync(2))! with { Principal = "mallory" };
        await ForceUpdateAsync(2, "principal", "mallory");
        await ForceUpdateAsync(2, "hash", AuditChain.ComputeHash(forged));
        var verification = await Store.VerifyAsync();

        Assert.Equal(3, verification.BrokenId);
        Assert.Contains("previous-hash", verification.Reason, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Removed_record_breaks_the_chain_at_its_successor()
    {
        SkipUnlessAvailable();
        await AppendManyAsync(4);

        await ForceDeleteAsync(2);
        var verification = await Store.VerifyAsync();

        Assert.False(verification.Intact);
        Assert.Equal(3, verification.BrokenId);
    }

    [SkippableFact]
    public async Task Concurrent_appends_form_one_linear_chain()
    {
        SkipUnlessAvailable();
        const int n = 64;

        await Task.WhenAll(Enumerable.Range(0, n).Select(i => Task.Run(() => Store.AppendAsync(Event(principal: $"p{i}")))));
        var verification = await Store.VerifyAsync();

        Assert.True(verification.Intact, verification.Reason);
        Assert.Equal(n, verification.RecordsChecked);
    }

    [SkippableFact]
    public async Task Two_store_instances_appending_at_once_keep_one_chain()
    {
        SkipUnlessAvailable();
        // Two gateway replicas on one trail: each has its own writer loop and connections; only the store's lock orders them.
        var replicaA = Store;
        var replica = OpenStore();
        try
        {
            var appended = await Task.WhenAll(Enumerable.Range(0, 80).Select(i => Task.Run(() =>
                (i % 2 == 0 ? replicaA : replica).AppendAsync(Event(principal: i % 2 == 0 ? "replica-a" : "replica-b")))));

            var verification = await Store.VerifyAsync();
            Assert.True(verification.Intact, verification.Reason);
            Assert.Equal(80, verification.RecordsChecked);
            Assert.Equal(Enumerable.Range(1, 80).Select(i => (long)i), appended.Select(r => r.Id).Order());
            Assert.Equal(40, (await Store.QueryAsync(new AuditFilter { Principal = "replica-b" }, null, 100)).Records.Count);
        }
        finally
        {
            await ((IAsyncDisposable)replica).DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task Filters_combine_principal_verdict_and_rule()
    {
        SkipUnlessAvailable();
        await Store.AppendAsync(Event("alice"));
        await Store.AppendAsync(Event("alice", AuditVerdict.Rejected, "statement.data_change"));
        await Store.AppendAsync(Event("bob", AuditVerdict.Rejected, "statement.data_change"));
        await Store.AppendAsync(Event("alice", AuditVerdict.Rejected, "parse.error"));

        var page = await Store.QueryAsync(new AuditFilter { Principal = "alice", Verdict = AuditVerdict.Rejected, Rule = "statement.data_change" }, null, 10);

        var record = Assert.Single(page.Records);
        Assert.Equal(2, record.Id);
    }

    [SkippableFact]
    public async Task Source_filter_matches_exactly()
    {
        SkipUnlessAvailable();
        await Store.AppendAsync(Event(source: "shop"));
        await Store.AppendAsync(Event(source: "Shop"));
        await Store.AppendAsync(Event(source: "dialect:postgres"));

        var page = await Store.QueryAsync(new AuditFilter { Source = "shop" }, null, 10);

        Assert.Equal([1L], page.Records.Select(r => r.Id));
    }

    [SkippableFact]
    public async Task Time_range_is_inclusive_from_and_exclusive_to()
    {
        SkipUnlessAvailable();
        await AppendManyAsync(5); // minutes 0..4

        var page = await Store.QueryAsync(new AuditFilter { From = Start.AddMinutes(1), To = Start.AddMinutes(3) }, null, 10);

        Assert.Equal([3L, 2L], page.Records.Select(r => r.Id));
    }

    [SkippableFact]
    public async Task Cursor_pages_cover_every_record_once_newest_first()
    {
        SkipUnlessAvailable();
        await AppendManyAsync(7);

        var seen = new List<long>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await Store.QueryAsync(AuditFilter.All, cursor, 3);
            seen.AddRange(page.Records.Select(r => r.Id));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal([7L, 6L, 5L, 4L, 3L, 2L, 1L], seen);
        Assert.Equal(3, pages);
    }

    [SkippableFact]
    public async Task Cursor_stays_valid_while_records_arrive()
    {
        SkipUnlessAvailable();
        await AppendManyAsync(4);
        var first = await Store.QueryAsync(AuditFilter.All, null, 2);

        await AppendManyAsync(3);
        var second = await Store.QueryAsync(AuditFilter.All, first.NextCursor, 2);

        Assert.Equal([2L, 1L], second.Records.Select(r => r.Id));
        Assert.Null(second.NextCursor);
    }

    [SkippableFact]
    public async Task Filtered_pages_carry_the_cursor_of_their_last_match()
    {
        SkipUnlessAvailable();
        for (var i = 0; i < 6; i++)
        {
            await Store.AppendAsync(Event(i % 2 == 0 ? "alice" : "bob"));
        }

        var first = await Store.QueryAsync(new AuditFilter { Principal = "alice" }, null, 2);
        var second = await Store.QueryAsync(new AuditFilter { Principal = "alice" }, first.NextCursor, 2);

        Assert.Equal([5L, 3L], first.Records.Select(r => r.Id));
        Assert.Equal([1L], second.Records.Select(r => r.Id));
        Assert.Null(second.NextCursor);
    }

    [SkippableFact]
    public async Task Malformed_cursor_is_refused()
    {
        SkipUnlessAvailable();
        await Assert.ThrowsAsync<FormatException>(() => Store.QueryAsync(AuditFilter.All, "abc", 10));
        await Assert.ThrowsAsync<FormatException>(() => Store.QueryAsync(AuditFilter.All, "0", 10));
    }

    [SkippableFact]
    public async Task Jsonl_export_holds_the_matching_records_oldest_first()
    {
        SkipUnlessAvailable();
        await Store.AppendAsync(Event("alice"));
        await Store.AppendAsync(Event("bob"));
        await Store.AppendAsync(Event("alice", AuditVerdict.Rejected, "statement.data_change"));

        using var output = new StringWriter();
        var count = await AuditExporter.WriteAsync(Store.ReadAsync(new AuditFilter { Principal = "alice" }), AuditExportFormat.Jsonl, output);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, count);
        Assert.Equal([AuditRecordJson.Serialize((await Store.GetAsync(1))!), AuditRecordJson.Serialize((await Store.GetAsync(3))!)], lines);
    }

    [SkippableFact]
    public async Task Csv_export_has_a_header_and_one_row_per_record()
    {
        SkipUnlessAvailable();
        await Store.AppendAsync(Event() with { Question = "a, \"quoted\"\nquestion" });
        await Store.AppendAsync(Event("bob"));

        using var output = new StringWriter();
        var count = await AuditExporter.WriteAsync(Store.ReadAsync(AuditFilter.All), AuditExportFormat.Csv, output);

        Assert.Equal(2, count);
        Assert.StartsWith("id,time,principal,source,question,", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("\"a, \"\"quoted\"\"\nquestion\"", output.ToString(), StringComparison.Ordinal);
        Assert.EndsWith((await Store.GetAsync(2))!.Hash + "\n", output.ToString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Append_cancelled_before_it_is_queued_writes_nothing()
    {
        SkipUnlessAvailable();
        await AppendManyAsync(1);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.AppendAsync(Event(), cancelled.Token));

        Assert.Equal(1, (await Store.VerifyAsync()).RecordsChecked);
    }
}
