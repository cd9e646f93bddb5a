using System.Text;
using System.Text.Json;
using Gateway.Execution.Results;
using Gateway.Execution.Sources;

namespace Gateway.Execution.Tests.Engines;

/// <summary>
/// The behaviour every engine must show, run once per engine by a subclass. Each engine supplies its SQL where
/// engines differ (row generators, slow queries) and its expected text where storage differs (SQLite keeps
/// timestamps as text).
/// </summary>
public abstract class ExecutorContractTests<TFixture>
    where TFixture : EngineFixture
{
    protected ExecutorContractTests(TFixture fixture)
    {
        Fixture = fixture;
    }

    protected TFixture Fixture { get; }

    /// <summary>SQL returning one column <c>n</c> with the integers 1..count.</summary>
    protected abstract string SeriesSql(int count);

    /// <summary>SQL that runs for many seconds unless stopped.</summary>
    protected abstract string SlowSql { get; }

    /// <summary>The first row of gw_t_types as JSON, as this engine stores it.</summary>
    protected abstract string ExpectedFirstRowJson { get; }

    /// <summary>
    /// False where the engine has no read-only transaction (SQL Server): there a write runs and is rolled back,
    /// and only a read-only login stops a write after a smuggled COMMIT.
    /// </summary>
    protected virtual bool EngineRefusesWrites => true;

    /// <summary>A source of this engine that cannot be reached.</summary>
    protected abstract SourceDescriptor UnreachableSource { get; }

    private SourceDescriptor Source
    {
        get
        {
            Skip.If(Fixture.Source is null, Fixture.SkipReason);
            return Fixture.Source!;
        }
    }

    [SkippableFact]
    public async Task Select_returns_named_columns_and_rows()
    {
        var (summary, rows) = await RunAsync("SELECT id, name FROM gw_t_types ORDER BY id");

        Assert.Equal(["id", "name"], summary.Columns.Select(c => c.Name));
        Assert.Equal(2, summary.RowCount);
        Assert.Equal(2, rows.Count);
        Assert.False(summary.Truncated);
    }

    [SkippableFact]
    public async Task Column_kinds_are_engine_neutral()
    {
        var (summary, _) = await RunAsync("SELECT id, name, amount, ratio, flag, day, at, payload FROM gw_t_types ORDER BY id");

        Assert.Equal(
            [ValueKind.Integer, ValueKind.Text, ValueKind.Decimal, ValueKind.Float, ValueKind.Boolean, ValueKind.Date, ValueKind.DateTime, ValueKind.Binary],
            summary.Columns.Select(c => c.Kind));
    }

    [SkippableFact]
    public async Task Row_values_are_written_faithfully()
    {
        var json = await FirstRowJsonAsync("SELECT id, name, amount, ratio, flag, day, at, payload FROM gw_t_types WHERE id = 1");

        Assert.Equal(Canonical(ExpectedFirstRowJson), Canonical(json));
    }

    [SkippableFact]
    public async Task Nulls_are_written_as_null_in_every_column()
    {
        var json = await FirstRowJsonAsync("SELECT name, amount, ratio, flag, day, at, payload FROM gw_t_types WHERE id = 2");

        Assert.Equal("[null,null,null,null,null,null,null]", json);
    }

    [SkippableFact]
    public async Task Unicode_text_round_trips()
    {
        var (_, rows) = await RunAsync("SELECT name FROM gw_t_types WHERE id = 1");

        Assert.Equal("Zoë — 東京 🚀", rows[0][0]);
    }

    [SkippableFact]
    public async Task Binary_is_written_as_base64()
    {
        var json = await FirstRowJsonAsync("SELECT payload FROM gw_t_types WHERE id = 1");

        Assert.Equal("[\"3q2+7w==\"]", json);
    }

    [SkippableFact]
    public async Task Row_cap_cuts_the_result_and_flags_it_truncated()
    {
        var (summary, rows) = await RunAsync(SeriesSql(50), new ExecutionOptions { MaxRows = 10 });

        Assert.Equal(10, rows.Count);
        Assert.True(summary.Truncated);
        Assert.Equal(TruncationReason.RowLimit, summary.TruncationReason);
    }

    [SkippableFact]
    public async Task Result_at_the_cap_exactly_is_not_truncated()
    {
        var (summary, rows) = await RunAsync(SeriesSql(10), new ExecutionOptions { MaxRows = 10 });

        Assert.Equal(10, rows.Count);
        Assert.False(summary.Truncated);
    }

    [SkippableFact]
    public async Task Size_cap_cuts_the_result_and_flags_it_truncated()
    {
        var (summary, rows) = await RunAsync(SeriesSql(1000), new ExecutionOptions { MaxRows = null, MaxResultBytes = 1600 });

        Assert.True(summary.Truncated);
        Assert.Equal(TruncationReason.SizeLimit, summary.TruncationReason);
        Assert.InRange(rows.Count, 1, 999);
    }

    [SkippableFact]
    public async Task Hundred_thousand_rows_stream_through_the_json_sink_in_many_flushes()
    {
        var source = Source;
        var stream = new CountingStream();
        long rowCount;
        await using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            var summary = await new QueryExecutor(source).ExecuteAsync(SeriesSql(100_000), new JsonRowsSink(writer), new ExecutionOptions { MaxRows = null });
            writer.WriteEndObject();
            rowCount = summary.RowCount;
        }

        Assert.Equal(100_000, rowCount);
        // Each flush is one write to the stream; one write would mean the whole result sat in memory.
        Assert.True(stream.Writes > 10, $"only {stream.Writes} writes reached the stream");
        Assert.True(stream.Length > 100_000 * 3);
    }

    [SkippableFact]
    public async Task Insert_that_bypasses_the_validator_is_refused_by_the_engine()
    {
        _ = Source;
        var before = Convert.ToInt64(await Fixture.ExecuteAsOwnerAsync("SELECT COUNT(*) FROM gw_t_types"), System.Globalization.CultureInfo.InvariantCulture);

        if (EngineRefusesWrites)
        {
            var error = await Assert.ThrowsAsync<ExecutionException>(() => RunAsync("INSERT INTO gw_t_types (id) VALUES (99)"));
            Assert.Equal(ExecutionErrorCode.PermissionDenied, error.ErrorCode);
        }
        else
        {
            await RunAsync("INSERT INTO gw_t_types (id) VALUES (99)");
        }

        var after = Convert.ToInt64(await Fixture.ExecuteAsOwnerAsync("SELECT COUNT(*) FROM gw_t_types"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(before, after);
    }

    [SkippableFact]
    public async Task Table_drop_that_bypasses_the_validator_is_refused_by_the_engine()
    {
        _ = Source;
        if (EngineRefusesWrites)
        {
            var error = await Assert.ThrowsAsync<ExecutionException>(() => RunAsync("DROP TABLE gw_t_victim"));
            Assert.Equal(ExecutionErrorCode.PermissionDenied, error.ErrorCode);
        }
        else
        {
            await RunAsync("DROP TABLE gw_t_victim");
        }

        Assert.NotNull(await Fixture.ExecuteAsOwnerAsync("SELECT COUNT(*) FROM gw_t_victim"));
    }

    [SkippableFact]
    public async Task Insert_after_a_smuggled_commit_is_still_refused()
    {
        _ = Source;
        Skip.IfNot(EngineRefusesWrites, "This engine has no read-only transaction; a read-only login is the wall.");

        await Assert.ThrowsAsync<ExecutionException>(() => RunAsync("COMMIT; INSERT INTO gw_t_types (id) VALUES (98)"));

        Assert.Equal(0L, Convert.ToInt64(await Fixture.ExecuteAsOwnerAsync("SELECT COUNT(*) FROM gw_t_types WHERE id = 98"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [SkippableFact]
    public async Task Slow_query_is_stopped_with_the_timeout_code()
    {
        var error = await Assert.ThrowsAsync<ExecutionException>(() => RunAsync(SlowSql, new ExecutionOptions { Timeout = TimeSpan.FromMilliseconds(300) }));

        Assert.Equal(ExecutionErrorCode.Timeout, error.ErrorCode);
    }

    [SkippableFact]
    public async Task Cancelling_the_token_cancels_the_running_query()
    {
        var executor = new QueryExecutor(Source);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            executor.ExecuteAsync(SlowSql, new BufferedResultSink(), ExecutionOptions.Default, cancellation.Token));
    }

    [SkippableFact]
    public async Task Connection_is_usable_after_a_timeout()
    {
        await Assert.ThrowsAsync<ExecutionException>(() => RunAsync(SlowSql, new ExecutionOptions { Timeout = TimeSpan.FromMilliseconds(300) }));

        var (summary, _) = await RunAsync(SeriesSql(3));

        Assert.Equal(3, summary.RowCount);
    }

    [SkippableFact]
    public async Task Unknown_table_fails_with_query_failed()
    {
        var error = await Assert.ThrowsAsync<ExecutionException>(() => RunAsync("SELECT * FROM gw_t_no_such_table"));

        Assert.Equal(ExecutionErrorCode.QueryFailed, error.ErrorCode);
        Assert.Contains("gw_t_no_such_table", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Unreachable_source_fails_with_unavailable()
    {
        _ = Source;
        var error = await Assert.ThrowsAsync<ExecutionException>(() =>
            new QueryExecutor(UnreachableSource).ExecuteAsync("SELECT 1", new BufferedResultSink(), new ExecutionOptions { Timeout = TimeSpan.FromSeconds(5) }));

        Assert.Equal(ExecutionErrorCode.Unavailable, error.ErrorCode);
        Assert.DoesNotContain("s3cret-pw", error.ToString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Masked_columns_read_as_the_mask_and_nulls_stay_null()
    {
        var (summary, rows) = await RunAsync("SELECT id, name FROM gw_t_types ORDER BY id", new ExecutionOptions { MaskedColumns = ["NAME"] });

        Assert.Equal(["***", null], rows.Select(row => row[1]));
        Assert.Equal(new ResultColumn("name", ValueKind.Text, summary.Columns[1].DatabaseType) { Masked = true }, summary.Columns[1]);
        Assert.False(summary.Columns[0].Masked);
    }

    [SkippableFact]
    public async Task A_masked_number_column_is_described_as_text()
    {
        var (summary, rows) = await RunAsync("SELECT id FROM gw_t_types ORDER BY id", new ExecutionOptions { MaskedColumns = ["id"] });

        Assert.Equal(["***", "***"], rows.Select(row => row[0]));
        Assert.Equal(ValueKind.Text, summary.Columns[0].Kind);
    }

    [SkippableFact]
    public async Task Streamed_json_carries_the_mask_and_flags_the_column()
    {
        using var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            await new QueryExecutor(Source).ExecuteAsync("SELECT id, name FROM gw_t_types WHERE id = 1", new JsonRowsSink(writer), new ExecutionOptions { MaskedColumns = ["name"] });
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        Assert.Equal("***", document.RootElement.GetProperty("rows")[0][1].GetString());
        Assert.True(document.RootElement.GetProperty("columns")[1].GetProperty("masked").GetBoolean());
        Assert.DoesNotContain("Zo", Encoding.UTF8.GetString(buffer.ToArray()), StringComparison.Ordinal);
    }

    protected async Task<(ExecutionSummary Summary, IReadOnlyList<IReadOnlyList<object?>> Rows)> RunAsync(string sql, ExecutionOptions? options = null)
    {
        var sink = new BufferedResultSink();
        var summary = await new QueryExecutor(Source).ExecuteAsync(sql, sink, options ?? ExecutionOptions.Default);
        return (summary, sink.Rows);
    }

    /// <summary>One spelling per JSON text (escapes differ by encoder); number text is kept as written.</summary>
    private static string Canonical(string json) =>
        System.Text.Json.Nodes.JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private async Task<string> FirstRowJsonAsync(string sql)
    {
        using var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            await new QueryExecutor(Source).ExecuteAsync(sql, new JsonRowsSink(writer), ExecutionOptions.Default);
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.GetProperty("rows")[0].GetRawText();
    }
}
