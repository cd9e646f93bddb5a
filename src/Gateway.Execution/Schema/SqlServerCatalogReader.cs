using System.Globalization;

namespace Gateway.Execution.Schema;

/// <summary>SQL Server: sys catalog views, MS_Description extended properties as comments, row counts from sys.partitions.</summary>
internal sealed class SqlServerCatalogReader : CatalogReader
{
    public override string QuoteIdentifier(string name) => $"[{name.Replace("]", "]]", StringComparison.Ordinal)}]";

    public override string SampleSql(TableInfo table, string column, int? scan, int limit)
    {
        var c = QuoteIdentifier(column);
        var cap = scan is { } rows ? string.Create(CultureInfo.InvariantCulture, $"TOP ({rows}) ") : string.Empty;
        return string.Create(CultureInfo.InvariantCulture,
            $"SELECT TOP ({limit}) v, COUNT(*) AS n FROM (SELECT {cap}{c} AS v FROM {Qualified(table)}) s WHERE v IS NOT NULL GROUP BY v ORDER BY n DESC, v");
    }

    public override async Task<IReadOnlyList<TableInfo>> ReadTablesAsync(IQueryExecutor executor, CancellationToken cancellationToken)
    {
        var relations = await CatalogRows.QueryAsync(executor, """
            SELECT s.name, o.name, o.type, CAST(ep.value AS nvarchar(4000)),
                   (SELECT SUM(p.rows) FROM sys.partitions p WHERE p.object_id = o.object_id AND p.index_id IN (0, 1))
            FROM sys.objects o JOIN sys.schemas s ON s.schema_id = o.schema_id
            LEFT JOIN sys.extended_properties ep ON ep.class = 1 AND ep.major_id = o.object_id AND ep.minor_id = 0 AND ep.name = 'MS_Description'
            WHERE o.type IN ('U', 'V') AND o.is_ms_shipped = 0
            ORDER BY s.name, o.name
            """, cancellationToken).ConfigureAwait(false);
        var columns = ByTable(await CatalogRows.QueryAsync(executor, """
            SELECT s.name, o.name, c.name,
                   t.name + CASE
                       WHEN t.name IN ('varchar', 'char', 'varbinary', 'binary') THEN '(' + IIF(c.max_length = -1, 'max', CAST(c.max_length AS varchar(10))) + ')'
                       WHEN t.name IN ('nvarchar', 'nchar') THEN '(' + IIF(c.max_length = -1, 'max', CAST(c.max_length / 2 AS varchar(10))) + ')'
                       WHEN t.name IN ('decimal', 'numeric') THEN '(' + CAST(c.precision AS varchar(10)) + ',' + CAST(c.scale AS varchar(10)) + ')'
                       ELSE '' END,
                   c.is_nullable, CAST(ep.value AS nvarchar(4000))
            FROM sys.columns c JOIN sys.objects o ON o.object_id = c.object_id JOIN sys.schemas s ON s.schema_id = o.schema_id
            JOIN sys.types t ON t.user_type_id = c.user_type_id
            LEFT JOIN sys.extended_properties ep ON ep.class = 1 AND ep.major_id = c.object_id AND ep.minor_id = c.column_id AND ep.name = 'MS_Description'
            WHERE o.type IN ('U', 'V') AND o.is_ms_shipped = 0
            ORDER BY s.name, o.name, c.column_id
            """, cancellationToken).ConfigureAwait(false));
        var primaryKeys = ByTable(await CatalogRows.QueryAsync(executor, """
            SELECT s.name, o.name, c.name
            FROM sys.indexes i JOIN sys.index_columns ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id
            JOIN sys.columns c ON c.object_id = ic.object_id AND c.column_id = ic.column_id
            JOIN sys.objects o ON o.object_id = i.object_id JOIN sys.schemas s ON s.schema_id = o.schema_id
            WHERE i.is_primary_key = 1
            ORDER BY s.name, o.name, ic.key_ordinal
            """, cancellationToken).ConfigureAwait(false));
        var foreignKeys = ByTable(await CatalogRows.QueryAsync(executor, """
            SELECT s.name, o.name, fk.name, pc.name, rs.name, ro.name, rc.name
            FROM sys.foreign_keys fk JOIN sys.foreign_key_columns fkc ON fkc.constraint_object_id = fk.object_id
            JOIN sys.objects o ON o.object_id = fk.parent_object_id JOIN sys.schemas s ON s.schema_id = o.schema_id
            JOIN sys.columns pc ON pc.object_id = fkc.parent_object_id AND pc.column_id = fkc.parent_column_id
            JOIN sys.objects ro ON ro.object_id = fk.referenced_object_id JOIN sys.schemas rs ON rs.schema_id = ro.schema_id
            JOIN sys.columns rc ON rc.object_id = fkc.referenced_object_id AND rc.column_id = fkc.referenced_column_id
            ORDER BY s.name, o.name, fk.name, fkc.constraint_column_id
            """, cancellationToken).ConfigureAwait(false));

        var tables = new List<TableInfo>();
        foreach (var row in relations)
        {
            var key = (CatalogRows.NullableText(row[0]), CatalogRows.Text(row[1]));
            var kind = CatalogRows.Text(row[2]).Trim() == "V" ? TableKind.View : TableKind.Table;
            tables.Add(new TableInfo(
                key.Item1, key.Item2, kind, CatalogRows.NullableText(row[3]), kind == TableKind.View ? null : CatalogRows.Number(row[4]),
                [.. columns[key].Select(c => new ColumnInfo(CatalogRows.Text(c[2]), CatalogRows.Text(c[3]), CatalogRows.Flag(c[4]), CatalogRows.NullableText(c[5]), null))],
                [.. primaryKeys[key].Select(k => CatalogRows.Text(k[2]))],
                ForeignKeys(foreignKeys[key])));
        }

        return tables;
    }
}
