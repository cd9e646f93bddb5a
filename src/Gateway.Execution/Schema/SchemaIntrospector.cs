using Gateway.Execution.Sources;

namespace Gateway.Execution.Schema;

/// <summary>
/// Reads a source's schema: tables and views, columns with types, nullability and comments, primary and foreign
/// keys, approximate row counts, and sample values of low-cardinality text columns. All of it through the
/// read-only executor.
/// </summary>
public sealed class SchemaIntrospector
{
    private readonly TimeProvider _time;

    public SchemaIntrospector(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
    }

    public async Task<SchemaModel> ReadAsync(SourceDescriptor source, IntrospectionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        options ??= IntrospectionOptions.Default;
        var executor = new QueryExecutor(source);
        var reader = CatalogReader.For(source.Provider);
        var tables = await reader.ReadTablesAsync(executor, cancellationToken).ConfigureAwait(false);
        if (options.SampleValues)
        {
            var sampled = new List<TableInfo>(tables.Count);
            foreach (var table in tables)
            {
                sampled.Add(await SampleAsync(executor, reader, table, options, cancellationToken).ConfigureAwait(false));
            }

            tables = sampled;
        }

        return new SchemaModel(source.Name, source.Provider.ToName(), _time.GetUtcNow(), tables);
    }

    private static async Task<TableInfo> SampleAsync(IQueryExecutor executor, CatalogReader reader, TableInfo table, IntrospectionOptions options, CancellationToken cancellationToken)
    {
        var columns = new List<ColumnInfo>(table.Columns.Count);
        int? scan = table.ApproximateRows is { } rowCount && rowCount > options.FullScanRows ? options.SampleScanRows : null;
        foreach (var column in table.Columns)
        {
            if (!reader.IsText(column.DataType))
            {
                columns.Add(column);
                continue;
            }

            IReadOnlyList<IReadOnlyList<object?>> rows;
            try
            {
                rows = await CatalogRows.QueryAsync(executor, reader.SampleSql(table, column.Name, scan, options.MaxDistinctValues + 1), cancellationToken).ConfigureAwait(false);
            }
            catch (ExecutionException ex) when (ex.ErrorCode is ExecutionErrorCode.QueryFailed or ExecutionErrorCode.PermissionDenied)
            {
                // The login may not read this table, or it was dropped since the catalog was read: no samples.
                columns.Add(column);
                continue;
            }

            columns.Add(rows.Count is > 0 && rows.Count <= options.MaxDistinctValues
                ? column with { SampleValues = [.. rows.Select(r => CatalogRows.Text(r[0]))] }
                : column);
        }

        return table with { Columns = columns };
    }
}
