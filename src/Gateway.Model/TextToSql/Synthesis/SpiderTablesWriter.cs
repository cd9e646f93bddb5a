using System.Text.Json;
using Gateway.Evaluation.Spider.Data;

namespace Gateway.Model.TextToSql.Synthesis;

/// <summary>Writes schemas in Spider's <c>tables.json</c> shape, so <see cref="SpiderSchemaReader"/> reads them back unchanged.</summary>
public static class SpiderTablesWriter
{
    public static async Task WriteAsync(string path, IEnumerable<SpiderSchema> schemas, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(schemas);
        var stream = File.Create(path);
        await using (stream.ConfigureAwait(false))
        {
            var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            await using (writer.ConfigureAwait(false))
            {
                writer.WriteStartArray();
                foreach (var schema in schemas)
                {
                    Write(writer, schema);
                }

                writer.WriteEndArray();
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static void Write(Utf8JsonWriter writer, SpiderSchema schema)
    {
        writer.WriteStartObject();
        writer.WriteString("db_id", schema.DbId);
        writer.WriteStartArray("table_names");
        schema.Tables.ToList().ForEach(t => writer.WriteStringValue(t.Name));
        writer.WriteEndArray();
        writer.WriteStartArray("table_names_original");
        schema.Tables.ToList().ForEach(t => writer.WriteStringValue(t.OriginalName));
        writer.WriteEndArray();
        WriteColumns(writer, "column_names", schema.Columns, c => c.Name);
        WriteColumns(writer, "column_names_original", schema.Columns, c => c.OriginalName);
        writer.WriteStartArray("column_types");
        schema.Columns.ToList().ForEach(c => writer.WriteStringValue(c.Type));
        writer.WriteEndArray();
        writer.WriteStartArray("primary_keys");
        schema.PrimaryKeys.ToList().ForEach(writer.WriteNumberValue);
        writer.WriteEndArray();
        writer.WriteStartArray("foreign_keys");
        foreach (var key in schema.ForeignKeys)
        {
            writer.WriteStartArray();
            writer.WriteNumberValue(key.ColumnIndex);
            writer.WriteNumberValue(key.ReferencedColumnIndex);
            writer.WriteEndArray();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteColumns(Utf8JsonWriter writer, string property, IReadOnlyList<SpiderColumn> columns, Func<SpiderColumn, string> name)
    {
        writer.WriteStartArray(property);
        foreach (var column in columns)
        {
            writer.WriteStartArray();
            writer.WriteNumberValue(column.TableIndex);
            writer.WriteStringValue(name(column));
            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    }
}
