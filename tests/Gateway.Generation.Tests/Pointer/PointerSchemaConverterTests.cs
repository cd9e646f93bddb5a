using Gateway.Execution.Schema;
using Gateway.Generation.Pointer;
using Gateway.Model.TextToSql;

namespace Gateway.Generation.Tests.Pointer;

public sealed class PointerSchemaConverterTests
{
    private static readonly SchemaModel Shop = new("shop", "postgres", DateTimeOffset.UnixEpoch,
    [
        new TableInfo("public", "Customers", TableKind.Table, null, 2,
            [
                new ColumnInfo("customer_id", "integer", false, null, null),
                new ColumnInfo("FullName", "character varying(80)", true, null, null),
                new ColumnInfo("segment", "text", true, null, ["Retail", "Wholesale"]),
            ],
            ["customer_id"], []),
        new TableInfo("public", "order_lines", TableKind.Table, null, 10,
            [
                new ColumnInfo("id", "bigint", false, null, null),
                new ColumnInfo("customerId", "int", false, null, null),
                new ColumnInfo("placedAt", "timestamp with time zone", false, null, null),
            ],
            ["id"], [new ForeignKeyInfo(["customerId"], "public", "Customers", ["customer_id"])]),
    ]);

    [Theory]
    [InlineData("customer_id", "customer id")]
    [InlineData("CustomerId", "customer id")]
    [InlineData("placedAt", "placed at")]
    [InlineData("HTTPStatus", "http status")]
    [InlineData("order-lines", "order lines")]
    [InlineData("Region", "region")]
    public void Display_names_split_snake_kebab_and_camel_case_into_lower_case_words(string name, string display) =>
        Assert.Equal(display, PointerSchemaConverter.DisplayName(name));

    [Fact]
    public void Column_zero_is_the_star_and_the_tables_columns_follow_in_order()
    {
        var schema = PointerSchemaConverter.Convert(Shop);

        Assert.Equal(new PointerColumn(-1, "*", "*", "text", false), schema.Columns[0]);
        Assert.Equal(["*", "customer_id", "FullName", "segment", "id", "customerId", "placedAt"], schema.Columns.Select(c => c.Name));
        Assert.Equal([-1, 0, 0, 0, 1, 1, 1], schema.Columns.Select(c => c.TableIndex));
        Assert.Equal([new PointerTable("Customers", "customers"), new PointerTable("order_lines", "order lines")], schema.Tables);
        Assert.Equal("full name", schema.Columns[2].DisplayName);
    }

    [Fact]
    public void Engine_types_become_the_models_coarse_kinds_and_primary_keys_are_marked()
    {
        var schema = PointerSchemaConverter.Convert(Shop);

        Assert.Equal(["text", "number", "text", "text", "number", "number", "time"], schema.Columns.Select(c => c.Type));
        Assert.Equal(["customer_id", "id"], schema.Columns.Where(c => c.IsPrimaryKey).Select(c => c.Name));
    }

    [Fact]
    public void Foreign_keys_point_from_the_referencing_column_to_the_referenced_one()
    {
        var schema = PointerSchemaConverter.Convert(Shop);

        Assert.Equal([new PointerForeignKey(5, 1)], schema.ForeignKeys);
    }

    [Fact]
    public void A_foreign_key_into_a_table_outside_the_schema_is_left_out()
    {
        var orphan = Shop with { Tables = [Shop.Tables[1]] };

        Assert.Empty(PointerSchemaConverter.Convert(orphan).ForeignKeys);
    }

    [Fact]
    public void Sampled_text_values_become_cells_of_their_column()
    {
        var schema = PointerSchemaConverter.Convert(Shop);

        var cells = PointerSchemaConverter.SampleValues(Shop, schema, new ValueCandidateOptions());

        Assert.Equal([new DatabaseCell(3, "Retail")], cells.Exact("retail"));
        Assert.Equal([new DatabaseCell(3, "Wholesale")], cells.SameStem("wholesales"));
    }
}
