using Gateway.Execution.Demo;
using Gateway.Execution.Schema;
using Gateway.Execution.Sources;
using Gateway.Execution.Tests.Demo;
using Gateway.Execution.Tests.Engines;
using Microsoft.Data.Sqlite;

namespace Gateway.Execution.Tests.Schema;

[Collection(DemoEnginesGroup.Name)]
public sealed class SqliteSchemaIntrospectionTests : SchemaIntrospectionContract
{
    public SqliteSchemaIntrospectionTests(DemoEnginesFixture fixture)
        : base(fixture)
    {
    }

    protected override SourceDescriptor? Source => Fixture.Sqlite;

    protected override string SkipReason => "never skipped";

    protected override string TimestampType => "DATETIME";

    protected override bool StoresComments => false;

    [Fact]
    public async Task Ddl_rebuilds_the_same_tables_in_an_empty_database()
    {
        var model = await ModelAsync();
        var folder = Directory.CreateTempSubdirectory("gateway-ddl-").FullName;
        try
        {
            var path = Path.Combine(folder, "copy.db");
            await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
            {
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = SchemaDdlWriter.Write(model, SourceProvider.Sqlite);
                await command.ExecuteNonQueryAsync();
            }

            var copy = await new SchemaIntrospector().ReadAsync(DemoDatabase.Source(path), new IntrospectionOptions { SampleValues = false });
            foreach (var table in model.Tables.Where(t => t.Kind == TableKind.Table))
            {
                var copied = copy.Find(table.Name)!;
                Assert.Equal(table.Columns.Select(c => (c.Name, c.DataType, c.Nullable)), copied.Columns.Select(c => (c.Name, c.DataType, c.Nullable)));
                Assert.Equal(table.PrimaryKey, copied.PrimaryKey);
                Assert.Equal(table.ForeignKeys.Count, copied.ForeignKeys.Count);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

[Collection(DemoEnginesGroup.Name)]
public sealed class PostgresSchemaIntrospectionTests : SchemaIntrospectionContract
{
    public PostgresSchemaIntrospectionTests(DemoEnginesFixture fixture)
        : base(fixture)
    {
    }

    protected override SourceDescriptor? Source => Fixture.Postgres;

    protected override string SkipReason => TestSources.SkipReason(TestSources.PostgresVariable);

    protected override string TimestampType => "timestamp without time zone";
}

[Collection(DemoEnginesGroup.Name)]
public sealed class MariaDbSchemaIntrospectionTests : SchemaIntrospectionContract
{
    public MariaDbSchemaIntrospectionTests(DemoEnginesFixture fixture)
        : base(fixture)
    {
    }

    protected override SourceDescriptor? Source => Fixture.MySql;

    protected override string SkipReason => TestSources.SkipReason(TestSources.MySqlVariable);

    protected override string TimestampType => "datetime";
}
