using Gateway.Evaluation.Spider.Data;

namespace Gateway.Model.TextToSql;

/// <summary>
/// Turns a <c>tables.json</c> schema into the schema the pointers index. Indexes are Spider's own (column 0 is
/// <c>*</c>), so a pointer and a Spider column id name the same thing.
/// </summary>
public static class PointerSchemaBuilder
{
    public static PointerSchema Build(SpiderSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var primaryKeys = schema.PrimaryKeys.ToHashSet();
        var tables = schema.Tables.Select(t => new PointerTable(t.OriginalName, t.Name)).ToList();
        var columns = new List<PointerColumn>(schema.Columns.Count);
        foreach (var column in schema.Columns)
        {
            if (column.TableIndex < 0)
            {
                if (column.Index != 0)
                {
                    throw new ArgumentException($"{schema.DbId}: only column 0 may be '*', column {column.Index} has no table", nameof(schema));
                }

                columns.Add(new PointerColumn(-1, "*", "*", "text", false));
                continue;
            }

            if (column.TableIndex >= tables.Count)
            {
                throw new ArgumentException($"{schema.DbId}: column {column.Index} names table {column.TableIndex}, which does not exist", nameof(schema));
            }

            columns.Add(new PointerColumn(column.TableIndex, column.OriginalName, column.Name, column.Type, primaryKeys.Contains(column.Index)));
        }

        if (columns.Count == 0 || columns[0].TableIndex != -1)
        {
            throw new ArgumentException($"{schema.DbId}: column 0 must be '*'", nameof(schema));
        }

        var foreignKeys = new List<PointerForeignKey>(schema.ForeignKeys.Count);
        foreach (var key in schema.ForeignKeys)
        {
            if (key.ColumnIndex <= 0 || key.ColumnIndex >= columns.Count || key.ReferencedColumnIndex <= 0 || key.ReferencedColumnIndex >= columns.Count)
            {
                throw new ArgumentException($"{schema.DbId}: foreign key {key.ColumnIndex} -> {key.ReferencedColumnIndex} points outside the columns", nameof(schema));
            }

            foreignKeys.Add(new PointerForeignKey(key.ColumnIndex, key.ReferencedColumnIndex));
        }

        return new PointerSchema(schema.DbId, tables, columns, foreignKeys);
    }
}
