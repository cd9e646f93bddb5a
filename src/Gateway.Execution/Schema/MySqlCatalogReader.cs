namespace Gateway.Execution.Schema;

/// <summary>MySQL and MariaDB: information_schema for the connection's database; TABLE_ROWS is InnoDB's estimate.</summary>
internal sealed class MySqlCatalogReader : CatalogReader
{
    public override string QuoteIdentifier(string name) => $"`{name.Replace("`", "``", StringComparison.Ordinal)}`";

    public override async Task<IReadOnlyList<TableInfo>> ReadTablesAsync(IQueryExecutor executor, CancellationToken cancellationToken)
    {
        var relations = await CatalogRows.QueryAsync(executor, """
            SELECT NULL, TABLE_NAME, TABLE_TYPE, TABLE_COMMENT, TABLE_ROWS
            FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME
            """, cancellationToken).ConfigureAwait(false);
        var columns = ByTable(await CatalogRows.QueryAsync(executor, """
            SELECT NULL, TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_COMMENT
            FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, ORDINAL_POSITION
            """, cancellationToken).ConfigureAwait(false));
        var keys = ByTable(await CatalogRows.QueryAsync(executor, """
            SELECT NULL, TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME,
                   CASE WHEN REFERENCED_TABLE_SCHEMA = DATABASE() THEN NULL ELSE REFERENCED_TABLE_SCHEMA END,
                   REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME
            FROM information_schema.KEY_COLUMN_USAGE
            WHERE TABLE_SCHEMA = DATABASE() AND (CONSTRAINT_NAME = 'PRIMARY' OR REFERENCED_TABLE_NAME IS NOT NULL)
            ORDER BY TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION
            """, cancellationToken).ConfigureAwait(false));

        var tables = new List<TableInfo>();
        foreach (var row in relations)
        {
            var key = ((string?)null, CatalogRows.Text(row[1]));
            var kind = CatalogRows.Text(row[2]).Contains("VIEW", StringComparison.OrdinalIgnoreCase) ? TableKind.View : TableKind.Table;
            tables.Add(new TableInfo(
                null, key.Item2, kind,
                kind == TableKind.View ? null : CatalogRows.NullableText(row[3]),
                kind == TableKind.View ? null : CatalogRows.Number(row[4]),
                [.. columns[key].Select(c => new ColumnInfo(CatalogRows.Text(c[2]), CatalogRows.Text(c[3]), CatalogRows.Flag(c[4]), CatalogRows.NullableText(c[5]), null))],
                [.. keys[key].Where(k => CatalogRows.Text(k[2]) == "PRIMARY").Select(k => CatalogRows.Text(k[3]))],
                ForeignKeys(keys[key].Where(k => CatalogRows.Text(k[2]) != "PRIMARY"))));
        }

        return tables;
    }
}
