using System.Globalization;
using Gateway.Execution.Sources;

namespace Gateway.Execution.Schema;

/// <summary>
/// One engine's catalog: the queries that list tables, columns and keys, and how to quote and sample. Every
/// query runs through the read-only executor, so introspection has the same walls as user queries.
/// </summary>
internal abstract class CatalogReader
{
    public static CatalogReader For(SourceProvider provider) => provider switch
    {
        SourceProvider.Sqlite => new SqliteCatalogReader(),
        SourceProvider.Postgres => new PostgresCatalogReader(),
        SourceProvider.MySql => new MySqlCatalogReader(),
        SourceProvider.SqlServer => new SqlServerCatalogReader(),
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };

    public abstract Task<IReadOnlyList<TableInfo>> ReadTablesAsync(IQueryExecutor executor, CancellationToken cancellationToken);

    public abstract string QuoteIdentifier(string name);

    /// <summary>Distinct non-null values of a column with their counts, most frequent first, over at most <paramref name="scan"/> rows (null: all).</summary>
    public virtual string SampleSql(TableInfo table, string column, int? scan, int limit)
    {
        ArgumentNullException.ThrowIfNull(table);
        var c = QuoteIdentifier(column);
        var cap = scan is { } rows ? string.Create(CultureInfo.InvariantCulture, $" LIMIT {rows}") : string.Empty;
        return string.Create(CultureInfo.InvariantCulture,
            $"SELECT v, COUNT(*) AS n FROM (SELECT {c} AS v FROM {Qualified(table)}{cap}) s WHERE v IS NOT NULL GROUP BY v ORDER BY n DESC, v LIMIT {limit}");
    }

    /// <summary>Text types by name, across engines: CHAR, VARCHAR, NVARCHAR, TEXT, CHARACTER VARYING, ENUM.</summary>
    public virtual bool IsText(string dataType)
    {
        var name = dataType.ToUpperInvariant();
        return name.Contains("CHAR", StringComparison.Ordinal) || name.Contains("TEXT", StringComparison.Ordinal)
            || name.StartsWith("ENUM", StringComparison.Ordinal) || name.Contains("CLOB", StringComparison.Ordinal);
    }

    public string Qualified(TableInfo table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.Schema is null ? QuoteIdentifier(table.Name) : $"{QuoteIdentifier(table.Schema)}.{QuoteIdentifier(table.Name)}";
    }

    /// <summary>Groups rows of (schema, table, ...) by their first two cells.</summary>
    protected static ILookup<(string? Schema, string Table), IReadOnlyList<object?>> ByTable(IEnumerable<IReadOnlyList<object?>> rows) =>
        rows.ToLookup(r => (CatalogRows.NullableText(r[0]), CatalogRows.Text(r[1])));

    /// <summary>Foreign keys from rows (schema, table, constraint, column, ref schema, ref table, ref column), in key-column order.</summary>
    protected static IReadOnlyList<ForeignKeyInfo> ForeignKeys(IEnumerable<IReadOnlyList<object?>> rows) =>
    [
        .. rows.GroupBy(r => CatalogRows.Text(r[2])).Select(g => new ForeignKeyInfo(
            [.. g.Select(r => CatalogRows.Text(r[3]))],
            CatalogRows.NullableText(g.First()[4]),
            CatalogRows.Text(g.First()[5]),
            [.. g.Select(r => CatalogRows.Text(r[6]))])),
    ];
}
