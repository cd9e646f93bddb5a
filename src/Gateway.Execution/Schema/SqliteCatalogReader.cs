namespace Gateway.Execution.Schema;

/// <summary>SQLite: sqlite_schema and the table-valued pragmas; row counts from sqlite_stat1 when ANALYZE ran, else COUNT(*).</summary>
internal sealed class SqliteCatalogReader : CatalogReader
{
    public override string QuoteIdentifier(string name) => $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    public override async Task<IReadOnlyList<TableInfo>> ReadTablesAsync(IQueryExecutor executor, CancellationToken cancellationToken)
    {
        var objects = await CatalogRows.QueryAsync(executor,
            "SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name", cancellationToken).ConfigureAwait(false);
        var stats = await ReadStatsAsync(executor, cancellationToken).ConfigureAwait(false);
        var tables = new List<TableInfo>();
        foreach (var row in objects)
        {
            var name = CatalogRows.Text(row[0]);
            var kind = CatalogRows.Text(row[1]) == "view" ? TableKind.View : TableKind.Table;
            var literal = CatalogRows.Literal(name);
            var columns = await CatalogRows.QueryAsync(executor,
                $"SELECT name, type, \"notnull\", pk FROM pragma_table_info({literal}) ORDER BY cid", cancellationToken).ConfigureAwait(false);
            var keys = await CatalogRows.QueryAsync(executor,
                $"SELECT NULL, {literal}, id, \"from\", NULL, \"table\", \"to\" FROM pragma_foreign_key_list({literal}) ORDER BY id, seq", cancellationToken).ConfigureAwait(false);
            long? rows = stats.TryGetValue(name, out var counted) ? counted : null;
            if (rows is null && kind == TableKind.Table)
            {
                var count = await CatalogRows.QueryAsync(executor, $"SELECT COUNT(*) FROM {QuoteIdentifier(name)}", cancellationToken).ConfigureAwait(false);
                rows = CatalogRows.Number(count[0][0]);
            }

            tables.Add(new TableInfo(
                null, name, kind, null, rows,
                [.. columns.Select(c => new ColumnInfo(CatalogRows.Text(c[0]), CatalogRows.Text(c[1]), !CatalogRows.Flag(c[2]) && CatalogRows.Number(c[3]) is null or 0, null, null))],
                [.. columns.Where(c => CatalogRows.Number(c[3]) > 0).OrderBy(c => CatalogRows.Number(c[3])).Select(c => CatalogRows.Text(c[0]))],
                ForeignKeys(keys)));
        }

        return tables;
    }

    private static async Task<Dictionary<string, long>> ReadStatsAsync(IQueryExecutor executor, CancellationToken cancellationToken)
    {
        var exists = await CatalogRows.QueryAsync(executor, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'sqlite_stat1'", cancellationToken).ConfigureAwait(false);
        if (CatalogRows.Number(exists[0][0]) is null or 0)
        {
            return [];
        }

        var rows = await CatalogRows.QueryAsync(executor, "SELECT tbl, MAX(CAST(stat AS INTEGER)) FROM sqlite_stat1 GROUP BY tbl", cancellationToken).ConfigureAwait(false);
        return rows.Where(r => CatalogRows.Number(r[1]) is not null)
            .ToDictionary(r => CatalogRows.Text(r[0]), r => CatalogRows.Number(r[1])!.Value, StringComparer.Ordinal);
    }

}
