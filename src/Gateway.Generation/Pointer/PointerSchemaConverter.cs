using System.Text;
using Gateway.Execution.Schema;
using Gateway.Model.TextToSql;

namespace Gateway.Generation.Pointer;

/// <summary>
/// An introspected <see cref="SchemaModel"/> as the pointer model indexes it: column 0 is <c>*</c>, then every
/// table's columns in order; names become the lower-case words a question would use; types become the model's
/// coarse kinds (text, number, time, boolean, others).
/// </summary>
public static class PointerSchemaConverter
{
    public static PointerSchema Convert(SchemaModel schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var tables = new List<PointerTable>(schema.Tables.Count);
        var columns = new List<PointerColumn> { new(-1, "*", "*", "text", false) };
        // Where each table's columns start, to resolve foreign keys by name.
        var firstColumn = new int[schema.Tables.Count];
        for (var t = 0; t < schema.Tables.Count; t++)
        {
            var table = schema.Tables[t];
            tables.Add(new PointerTable(table.Name, DisplayName(table.Name)));
            firstColumn[t] = columns.Count;
            var primaryKey = table.PrimaryKey.ToHashSet(StringComparer.OrdinalIgnoreCase);
            columns.AddRange(table.Columns.Select(c => new PointerColumn(t, c.Name, DisplayName(c.Name), Kind(c.DataType), primaryKey.Contains(c.Name))));
        }

        var foreignKeys = new List<PointerForeignKey>();
        for (var t = 0; t < schema.Tables.Count; t++)
        {
            foreach (var key in schema.Tables[t].ForeignKeys)
            {
                var target = IndexOf(schema, key);
                // A key into a table outside the introspected schema cannot be pointed at; it only loses a join hint.
                if (target < 0)
                {
                    continue;
                }

                for (var i = 0; i < Math.Min(key.Columns.Count, key.ReferencedColumns.Count); i++)
                {
                    var from = ColumnIndex(schema.Tables[t], firstColumn[t], key.Columns[i]);
                    var to = ColumnIndex(schema.Tables[target], firstColumn[target], key.ReferencedColumns[i]);
                    if (from > 0 && to > 0)
                    {
                        foreignKeys.Add(new PointerForeignKey(from, to));
                    }
                }
            }
        }

        return new PointerSchema(schema.Source, tables, columns, foreignKeys);
    }

    /// <summary>
    /// The distinct sample values introspection read for text columns, as cells the model may copy into a query
    /// (used when the source is not a SQLite file the model can read itself).
    /// </summary>
    public static DatabaseValueIndex SampleValues(SchemaModel schema, PointerSchema converted, ValueCandidateOptions options)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(converted);
        var cells = new List<DatabaseCell>();
        var index = 1;
        foreach (var table in schema.Tables)
        {
            foreach (var column in table.Columns)
            {
                if (column.SampleValues is { } samples && converted.Columns[index].Type == "text")
                {
                    cells.AddRange(samples.Select(value => new DatabaseCell(index, value)));
                }

                index++;
            }
        }

        return DatabaseValueIndex.FromCells(cells, options);
    }

    /// <summary>
    /// snake_case, kebab-case and camelCase/PascalCase split into lower-case words: <c>customer_id</c> and
    /// <c>CustomerId</c> become "customer id", <c>HTTPStatus</c> "http status".
    /// </summary>
    public static string DisplayName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var words = new List<string>();
        var word = new StringBuilder();
        void Flush()
        {
            if (word.Length > 0)
            {
                words.Add(word.ToString().ToLowerInvariant());
                word.Clear();
            }
        }

        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                Flush();
                continue;
            }

            if (char.IsUpper(c) && word.Length > 0)
            {
                var previous = name[i - 1];
                var nextIsLower = i + 1 < name.Length && char.IsLower(name[i + 1]);
                // A word starts at lower->Upper ("orderDate") and at the last capital of an acronym ("HTTPStatus").
                if (char.IsLower(previous) || char.IsDigit(previous) || (char.IsUpper(previous) && nextIsLower))
                {
                    Flush();
                }
            }

            word.Append(c);
        }

        Flush();
        return words.Count == 0 ? name.ToLowerInvariant() : string.Join(' ', words);
    }

    /// <summary>An engine's type name as the model's coarse kind.</summary>
    public static string Kind(string dataType)
    {
        ArgumentNullException.ThrowIfNull(dataType);
        var type = dataType.ToLowerInvariant();
        if (type.Contains("bool", StringComparison.Ordinal) || type == "bit")
        {
            return "boolean";
        }

        if (type.Contains("date", StringComparison.Ordinal) || type.Contains("time", StringComparison.Ordinal) || type.Contains("year", StringComparison.Ordinal))
        {
            return "time";
        }

        if (type.Contains("char", StringComparison.Ordinal) || type.Contains("text", StringComparison.Ordinal) || type.Contains("clob", StringComparison.Ordinal)
            || type.Contains("string", StringComparison.Ordinal) || type.Contains("enum", StringComparison.Ordinal) || type.Length == 0)
        {
            // SQLite lets a column have no declared type; its affinity is then BLOB-like, but such columns mostly hold text.
            return "text";
        }

        if (type.Contains("int", StringComparison.Ordinal) || type.Contains("real", StringComparison.Ordinal) || type.Contains("num", StringComparison.Ordinal)
            || type.Contains("dec", StringComparison.Ordinal) || type.Contains("float", StringComparison.Ordinal) || type.Contains("double", StringComparison.Ordinal)
            || type.Contains("money", StringComparison.Ordinal))
        {
            return "number";
        }

        return "others";
    }

    private static int IndexOf(SchemaModel schema, ForeignKeyInfo key)
    {
        for (var t = 0; t < schema.Tables.Count; t++)
        {
            var table = schema.Tables[t];
            if (string.Equals(table.Name, key.ReferencedTable, StringComparison.OrdinalIgnoreCase)
                && (key.ReferencedSchema is null || table.Schema is null || string.Equals(table.Schema, key.ReferencedSchema, StringComparison.OrdinalIgnoreCase)))
            {
                return t;
            }
        }

        return -1;
    }

    private static int ColumnIndex(TableInfo table, int first, string column)
    {
        for (var c = 0; c < table.Columns.Count; c++)
        {
            if (string.Equals(table.Columns[c].Name, column, StringComparison.OrdinalIgnoreCase))
            {
                return first + c;
            }
        }

        return -1;
    }
}
