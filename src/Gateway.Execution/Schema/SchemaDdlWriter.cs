using System.Globalization;
using System.Text;
using Gateway.Execution.Sources;

namespace Gateway.Execution.Schema;

/// <summary>
/// Writes a schema model as CREATE TABLE statements in the source's dialect, with primary and foreign keys,
/// comments and sample values as SQL comments (the form language models read best). Views are listed as
/// comments with their columns, since their definitions are not read.
/// </summary>
public static class SchemaDdlWriter
{
    public static string Write(SchemaModel model, SourceProvider provider)
    {
        ArgumentNullException.ThrowIfNull(model);
        var reader = CatalogReader.For(provider);
        var text = new StringBuilder();
        foreach (var table in model.Tables)
        {
            if (text.Length > 0)
            {
                text.Append('\n');
            }

            if (table.Kind == TableKind.View)
            {
                WriteView(text, reader, table);
                continue;
            }

            WriteTable(text, reader, table);
        }

        return text.ToString();
    }

    private static void WriteTable(StringBuilder text, CatalogReader reader, TableInfo table)
    {
        var header = table.Comment is null ? string.Empty : $" {OneLine(table.Comment)}";
        var rows = table.ApproximateRows is { } count ? string.Create(CultureInfo.InvariantCulture, $" (~{count:N0} rows)") : string.Empty;
        if (header.Length + rows.Length > 0)
        {
            text.Append("--").Append(header).Append(rows).Append('\n');
        }

        text.Append("CREATE TABLE ").Append(reader.Qualified(table)).Append(" (\n");
        var lines = new List<string>();
        foreach (var column in table.Columns)
        {
            var line = $"  {reader.QuoteIdentifier(column.Name)} {column.DataType}{(column.Nullable ? string.Empty : " NOT NULL")}";
            lines.Add(line + Annotation(column));
        }

        if (table.PrimaryKey.Count > 0)
        {
            lines.Add($"  PRIMARY KEY ({string.Join(", ", table.PrimaryKey.Select(reader.QuoteIdentifier))})");
        }

        foreach (var key in table.ForeignKeys)
        {
            var target = key.ReferencedSchema is null ? reader.QuoteIdentifier(key.ReferencedTable) : $"{reader.QuoteIdentifier(key.ReferencedSchema)}.{reader.QuoteIdentifier(key.ReferencedTable)}";
            lines.Add($"  FOREIGN KEY ({string.Join(", ", key.Columns.Select(reader.QuoteIdentifier))}) REFERENCES {target} ({string.Join(", ", key.ReferencedColumns.Select(reader.QuoteIdentifier))})");
        }

        // Commas go before a line's trailing comment, so the statement stays valid SQL.
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var comment = line.IndexOf(" -- ", StringComparison.Ordinal);
            var comma = i < lines.Count - 1 ? "," : string.Empty;
            text.Append(comment < 0 ? line + comma : line[..comment] + comma + line[comment..]).Append('\n');
        }

        text.Append(");\n");
    }

    private static void WriteView(StringBuilder text, CatalogReader reader, TableInfo table)
    {
        text.Append("-- VIEW ").Append(reader.Qualified(table));
        if (table.Comment is not null)
        {
            text.Append(": ").Append(OneLine(table.Comment));
        }

        text.Append('\n');
        foreach (var column in table.Columns)
        {
            text.Append("--   ").Append(reader.QuoteIdentifier(column.Name));
            if (column.DataType.Length > 0)
            {
                text.Append(' ').Append(column.DataType);
            }

            text.Append(Annotation(column)).Append('\n');
        }
    }

    private static string Annotation(ColumnInfo column)
    {
        var parts = new List<string>();
        if (column.Comment is not null)
        {
            parts.Add(OneLine(column.Comment));
        }

        if (column.SampleValues is { Count: > 0 } samples)
        {
            parts.Add($"values: {string.Join(", ", samples.Select(OneLine))}");
        }

        return parts.Count == 0 ? string.Empty : $" -- {string.Join("; ", parts)}";
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
