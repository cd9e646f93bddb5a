namespace Gateway.Execution.Schema;

/// <summary>PostgreSQL: pg_catalog, with comments from obj_description/col_description and row estimates from reltuples.</summary>
internal sealed class PostgresCatalogReader : CatalogReader
{
    private const string UserRelations =
        "c.relkind IN ('r', 'p', 'v', 'm', 'f') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'";

    public override string QuoteIdentifier(string name) => $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    public override async Task<IReadOnlyList<TableInfo>> ReadTablesAsync(IQueryExecutor executor, CancellationToken cancellationToken)
    {
        var relations = await CatalogRows.QueryAsync(executor, $"""
            SELECT n.nspname, c.relname, c.relkind, obj_description(c.oid, 'pg_class'), c.reltuples::bigint
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE {UserRelations}
            ORDER BY n.nspname, c.relname
            """, cancellationToken).ConfigureAwait(false);
        var columns = ByTable(await CatalogRows.QueryAsync(executor, $"""
            SELECT n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull, col_description(c.oid, a.attnum)
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE a.attnum > 0 AND NOT a.attisdropped AND {UserRelations}
            ORDER BY n.nspname, c.relname, a.attnum
            """, cancellationToken).ConfigureAwait(false));
        var keys = ByTable(await CatalogRows.QueryAsync(executor, """
            SELECT n.nspname, c.relname, con.conname, a.attname, fn.nspname, fc.relname, fa.attname, con.contype
            FROM pg_constraint con
            JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            CROSS JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
            JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
            LEFT JOIN pg_class fc ON fc.oid = con.confrelid LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
            LEFT JOIN pg_attribute fa ON fa.attrelid = con.confrelid AND fa.attnum = con.confkey[k.ord]
            WHERE con.contype IN ('p', 'f') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
            ORDER BY n.nspname, c.relname, con.conname, k.ord
            """, cancellationToken).ConfigureAwait(false));

        var tables = new List<TableInfo>();
        foreach (var row in relations)
        {
            var key = (CatalogRows.NullableText(row[0]), CatalogRows.Text(row[1]));
            var kind = CatalogRows.Text(row[2]) is "v" or "m" ? TableKind.View : TableKind.Table;
            // reltuples is -1 before the first ANALYZE or VACUUM: unknown, not empty.
            var estimate = CatalogRows.Number(row[4]);
            tables.Add(new TableInfo(
                key.Item1, key.Item2, kind, CatalogRows.NullableText(row[3]), estimate is null or < 0 ? null : estimate,
                [.. columns[key].Select(c => new ColumnInfo(CatalogRows.Text(c[2]), CatalogRows.Text(c[3]), CatalogRows.Flag(c[4]), CatalogRows.NullableText(c[5]), null))],
                [.. keys[key].Where(k => CatalogRows.Text(k[7]) == "p").Select(k => CatalogRows.Text(k[3]))],
                ForeignKeys(keys[key].Where(k => CatalogRows.Text(k[7]) == "f"))));
        }

        return tables;
    }
}
