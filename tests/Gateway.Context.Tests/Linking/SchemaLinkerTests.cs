using Gateway.Context.Linking;
using Gateway.Execution.Schema;
using Gateway.Execution.Sources;

namespace Gateway.Context.Tests.Linking;

public sealed class SchemaLinkerTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task A_30_table_schema_keeps_the_two_mentioned_tables_and_the_bridge_between_them()
    {
        var schema = await CampusSchema.CreateAsync(_directory.File("campus.db"));
        Assert.Equal(30, schema.Tables.Count);
        var linker = new SchemaLinker(new SchemaLinkingOptions { TokenBudget = 400 });

        var linked = await linker.LinkAsync(schema, SourceProvider.Sqlite, "Which students take Linear Algebra?");

        Assert.True(linked.Pruned);
        Assert.Equal(["courses", "enrollments", "students"], linked.Tables.Select(t => t.Name).Order());
        Assert.Equal(LinkReason.JoinPath, linked.Tables.Single(t => t.Name == "enrollments").Reason);
        Assert.Contains("'Linear Algebra'", linked.Tables.Single(t => t.Name == "courses").Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain(linked.Schema.Tables, t => CampusSchema.Unrelated.Contains(t.Name) || t.Name == "departments");
        Assert.True(linked.EstimatedTokens <= 400);
    }

    [Fact]
    public async Task The_pruned_ddl_is_in_the_sources_dialect_and_drops_keys_to_tables_it_left_out()
    {
        var schema = await CampusSchema.CreateAsync(_directory.File("campus.db"));
        var linker = new SchemaLinker(new SchemaLinkingOptions { TokenBudget = 400 });

        var linked = await linker.LinkAsync(schema, SourceProvider.Sqlite, "Which students take Linear Algebra?");

        Assert.Contains("CREATE TABLE \"enrollments\"", linked.Ddl, StringComparison.Ordinal);
        Assert.Contains("REFERENCES \"students\"", linked.Ddl, StringComparison.Ordinal);
        // courses.department_id stays (keys are kept whole) but its foreign key to the dropped departments goes.
        Assert.Contains("\"department_id\"", linked.Ddl, StringComparison.Ordinal);
        Assert.DoesNotContain("departments", linked.Ddl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_schema_that_fits_the_budget_is_kept_whole()
    {
        var schema = await CampusSchema.CreateAsync(_directory.File("campus.db"));
        var linker = new SchemaLinker(new SchemaLinkingOptions { TokenBudget = 100_000 });

        var linked = await linker.LinkAsync(schema, SourceProvider.Sqlite, "Which students take Linear Algebra?");

        Assert.False(linked.Pruned);
        Assert.Equal(30, linked.Tables.Count);
        Assert.All(linked.Tables, t => Assert.Equal(LinkReason.SmallSchema, t.Reason));
        Assert.Equal(SchemaDdlWriter.Write(schema, SourceProvider.Sqlite), linked.Ddl);
    }

    [Fact]
    public async Task Columns_are_pruned_before_tables_and_keys_and_matched_columns_always_stay()
    {
        var columns = Enumerable.Range(1, 40).Select(i => new ColumnInfo($"metric_{i:00}", "REAL", true, null, null)).ToList();
        columns.Insert(0, new ColumnInfo("id", "INTEGER", false, null, null));
        columns.Add(new ColumnInfo("region_id", "INTEGER", true, null, null));
        columns.Add(new ColumnInfo("margin", "REAL", true, null, null));
        var facts = new TableInfo(null, "sales_facts", TableKind.Table, null, null, columns, ["id"], [new ForeignKeyInfo(["region_id"], null, "regions", ["id"])]);
        var regions = new TableInfo(null, "regions", TableKind.Table, null, null, [new ColumnInfo("id", "INTEGER", false, null, null), new ColumnInfo("label", "TEXT", true, null, null)], ["id"], []);
        var schema = new SchemaModel("shop", "sqlite", DateTimeOffset.UnixEpoch, [facts, regions]);
        var linker = new SchemaLinker(new SchemaLinkingOptions { TokenBudget = 150, ColumnsKeptWhenPruned = 2 });

        var linked = await linker.LinkAsync(schema, SourceProvider.Sqlite, "Average sales margin");

        var kept = Assert.Single(linked.Schema.Tables);
        Assert.Equal(["id", "metric_01", "metric_02", "region_id", "margin"], kept.Columns.Select(c => c.Name));
    }

    [Fact]
    public async Task A_question_matching_nothing_still_gets_some_tables()
    {
        var schema = await CampusSchema.CreateAsync(_directory.File("campus.db"));
        var linker = new SchemaLinker(new SchemaLinkingOptions { TokenBudget = 400 });

        var linked = await linker.LinkAsync(schema, SourceProvider.Sqlite, "xyzzy plugh");

        Assert.NotEmpty(linked.Tables);
        Assert.All(linked.Tables, t => Assert.Equal(LinkReason.Fallback, t.Reason));
    }

    public void Dispose() => _directory.Dispose();
}
