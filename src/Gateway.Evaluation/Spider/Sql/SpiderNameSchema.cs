using Gateway.Evaluation.Spider.Data;
using Gateway.Evaluation.Spider.Execution;

namespace Gateway.Evaluation.Spider.Sql;

/// <summary>
/// Spider's <c>Schema</c>: lower-cased table names with their lower-cased column names, and the id map that names
/// <c>*</c> <c>__all__</c>, a column <c>__table.column__</c> and a table <c>__table__</c>.
/// </summary>
internal sealed class SpiderNameSchema
{
    public const string AllColumns = "__all__";

    private readonly Dictionary<string, HashSet<string>> _tables;
    private readonly Dictionary<string, string> _idMap;

    public SpiderNameSchema(IEnumerable<KeyValuePair<string, IEnumerable<string>>> tables)
    {
        _tables = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (table, columns) in tables)
        {
            _tables[table.ToLowerInvariant()] = columns.Select(c => c.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        }

        _idMap = new Dictionary<string, string>(StringComparer.Ordinal) { ["*"] = AllColumns };
        foreach (var (table, columns) in _tables)
        {
            foreach (var column in columns)
            {
                _idMap[table + "." + column] = "__" + table + "." + column + "__";
            }
        }

        foreach (var table in _tables.Keys)
        {
            _idMap[table] = "__" + table + "__";
        }
    }

    public IEnumerable<string> TableNames => _tables.Keys;

    /// <summary>The values of the id map, which <c>build_valid_col_units</c> scans.</summary>
    public IEnumerable<string> Ids => _idMap.Values;

    public bool HasColumn(string table, string column) => _tables.TryGetValue(table, out var columns) && columns.Contains(column);

    public string Id(string key) =>
        _idMap.TryGetValue(key, out var id) ? id : throw new SpiderParseException($"unknown table or column '{key}'");

    /// <summary>The names from <c>tables.json</c>, for databases whose file is absent.</summary>
    public static SpiderNameSchema FromSchema(SpiderSchema schema) =>
        new(schema.Tables.Select(t => new KeyValuePair<string, IEnumerable<string>>(
            t.OriginalName, schema.ColumnsOf(t).Select(c => c.OriginalName))));

    /// <summary>The names in the SQLite file itself, as Spider's evaluator reads them (<c>sqlite_master</c>, <c>PRAGMA table_info</c>).</summary>
    public static async Task<SpiderNameSchema> FromDatabaseAsync(string path, CancellationToken cancellationToken = default)
    {
        var connection = await SpiderConnection.OpenReadOnlyAsync(path, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var tables = new List<string>();
            var list = connection.CreateCommand();
            await using (list.ConfigureAwait(false))
            {
                list.CommandText = "SELECT name FROM sqlite_master WHERE type='table'";
                var reader = await list.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        tables.Add(reader.GetString(0));
                    }
                }
            }

            var result = new List<KeyValuePair<string, IEnumerable<string>>>();
            foreach (var table in tables)
            {
                var columns = new List<string>();
                var info = connection.CreateCommand();
                await using (info.ConfigureAwait(false))
                {
                    info.CommandText = "SELECT name FROM pragma_table_info($table)";
                    info.Parameters.AddWithValue("$table", table);
                    var reader = await info.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                        {
                            columns.Add(reader.GetString(0));
                        }
                    }
                }

                result.Add(new(table, columns));
            }

            return new SpiderNameSchema(result);
        }
    }
}
