using Gateway.Execution.Demo;
using Gateway.Execution.Schema;
using Gateway.Execution.Sources;
using Gateway.Execution.Tests.Demo;

namespace Gateway.Execution.Tests.Schema;

/// <summary>Introspection of the demo data set, once per engine; the model is read once per test class.</summary>
public abstract class SchemaIntrospectionContract
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private SchemaModel? _model;

    protected SchemaIntrospectionContract(DemoEnginesFixture fixture)
    {
        Fixture = fixture;
    }

    protected DemoEnginesFixture Fixture { get; }

    protected abstract SourceDescriptor? Source { get; }

    protected abstract string SkipReason { get; }

    /// <summary>The engine's name for orders.ordered_at's type, as its catalog spells it.</summary>
    protected abstract string TimestampType { get; }

    protected virtual bool StoresComments => true;

    [SkippableFact]
    public async Task Lists_every_demo_table_and_view()
    {
        var model = await ModelAsync();

        foreach (var table in DemoSchema.Tables)
        {
            Assert.Equal(TableKind.Table, model.Find(table.Name)?.Kind);
        }

        Assert.Equal(TableKind.View, model.Find("order_totals")?.Kind);
    }

    [SkippableFact]
    public async Task Column_types_are_the_engines_own()
    {
        var orders = (await ModelAsync()).Find("orders")!;

        Assert.Equal(TimestampType, orders.Columns.Single(c => c.Name == "ordered_at").DataType, ignoreCase: true);
    }

    [SkippableFact]
    public async Task Nullability_is_read()
    {
        var customers = (await ModelAsync()).Find("customers")!;

        Assert.True(customers.Columns.Single(c => c.Name == "email").Nullable);
        Assert.False(customers.Columns.Single(c => c.Name == "name").Nullable);
    }

    [SkippableFact]
    public async Task Primary_key_is_read()
    {
        Assert.Equal(["order_id"], (await ModelAsync()).Find("orders")!.PrimaryKey);
    }

    [SkippableFact]
    public async Task Foreign_keys_are_read()
    {
        var keys = (await ModelAsync()).Find("order_items")!.ForeignKeys;

        Assert.Contains(keys, k => k.Columns.SequenceEqual(["order_id"]) && k.ReferencedTable == "orders" && k.ReferencedColumns.SequenceEqual(["order_id"]));
        Assert.Contains(keys, k => k.Columns.SequenceEqual(["product_id"]) && k.ReferencedTable == "products");
    }

    [SkippableFact]
    public async Task Comments_are_read_where_the_engine_stores_them()
    {
        var orders = (await ModelAsync()).Find("orders")!;
        var status = orders.Columns.Single(c => c.Name == "status");

        if (StoresComments)
        {
            Assert.Equal("One row per order.", orders.Comment);
            Assert.Contains("cancelled", status.Comment, StringComparison.Ordinal);
        }
        else
        {
            Assert.Null(status.Comment);
        }
    }

    [SkippableFact]
    public async Task Row_counts_are_approximately_right()
    {
        var model = await ModelAsync();
        var actual = new DemoGenerator().Generate()["orders"].Count;

        Assert.InRange(model.Find("orders")!.ApproximateRows!.Value, actual / 2, actual * 2);
    }

    [SkippableFact]
    public async Task Low_cardinality_text_column_has_its_values_sampled()
    {
        var status = (await ModelAsync()).Find("orders")!.Columns.Single(c => c.Name == "status");

        Assert.Equal(["cancelled", "delivered", "pending", "returned", "shipped"], status.SampleValues!.Order(StringComparer.Ordinal));
        Assert.Equal("delivered", status.SampleValues![0]);
    }

    [SkippableFact]
    public async Task High_cardinality_text_column_has_no_sample()
    {
        Assert.Null((await ModelAsync()).Find("customers")!.Columns.Single(c => c.Name == "name").SampleValues);
    }

    [SkippableFact]
    public async Task Model_round_trips_through_json()
    {
        var model = await ModelAsync();

        var json = SchemaJson.Serialize(model);

        Assert.Equal(json, SchemaJson.Serialize(SchemaJson.Deserialize(json)));
        Assert.Contains("\"approximate_rows\"", json, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Ddl_has_keys_and_samples_in_the_sources_dialect()
    {
        var source = Source!;
        var ddl = SchemaDdlWriter.Write(await ModelAsync(), source.Provider);

        Assert.Contains("CREATE TABLE", ddl, StringComparison.Ordinal);
        Assert.Contains("REFERENCES", ddl, StringComparison.Ordinal);
        Assert.Contains("values: delivered", ddl, StringComparison.Ordinal);
        Assert.Contains("-- VIEW", ddl, StringComparison.Ordinal);
    }

    protected async Task<SchemaModel> ModelAsync()
    {
        Skip.If(Source is null, SkipReason);
        await Gate.WaitAsync();
        try
        {
            return _model ??= await new SchemaIntrospector().ReadAsync(Source!);
        }
        finally
        {
            Gate.Release();
        }
    }
}
