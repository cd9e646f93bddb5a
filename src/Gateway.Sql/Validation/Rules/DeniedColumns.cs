namespace Gateway.Sql.Validation.Rules;

/// <summary>
/// The policy's denied columns: bare <c>column</c> entries (denied in every table) and <c>table.column</c> (or
/// <c>schema.table.column</c>) entries, with the set of tables that have one, for star and whole-row checks.
/// </summary>
internal sealed class DeniedColumns
{
    private readonly IReadOnlySet<string> _entries;
    private readonly HashSet<string> _tables = new(StringComparer.OrdinalIgnoreCase);

    public DeniedColumns(IReadOnlySet<string> entries)
    {
        _entries = NameSet.IgnoringCase(entries);
        foreach (var entry in entries)
        {
            var dot = entry.LastIndexOf('.');
            if (dot < 0)
            {
                AnyBare = true;
                FirstBare ??= entry;
                continue;
            }

            var table = entry[..dot];
            _tables.Add(table);
            var schemaDot = table.LastIndexOf('.');
            if (schemaDot >= 0)
            {
                _tables.Add(table[(schemaDot + 1)..]);
            }
        }
    }

    public bool IsEmpty => _entries.Count == 0;

    /// <summary>True when some column is denied in every table (so any table may hold it).</summary>
    public bool AnyBare { get; }

    private string? FirstBare { get; }

    /// <summary>The entry denying <paramref name="column"/> in <paramref name="table"/> (or in every table), if any.</summary>
    public string? Find(string? schema, string? table, string column)
    {
        if (_entries.Contains(column))
        {
            return column;
        }

        if (table is null)
        {
            return null;
        }

        var qualified = $"{table}.{column}";
        if (_entries.Contains(qualified))
        {
            return qualified;
        }

        if (schema is not null && _entries.Contains($"{schema}.{qualified}"))
        {
            return $"{schema}.{qualified}";
        }

        return null;
    }

    /// <summary>A denied column <paramref name="table"/> may hold, if any (a bare entry counts: every table may hold it).</summary>
    public string? AnyIn(string? schema, string table)
    {
        if (_tables.Contains(table) || (schema is not null && _tables.Contains($"{schema}.{table}")))
        {
            foreach (var entry in _entries)
            {
                if (entry.StartsWith(table + ".", StringComparison.OrdinalIgnoreCase)
                    || entry.Contains("." + table + ".", StringComparison.OrdinalIgnoreCase))
                {
                    return entry;
                }
            }
        }

        return FirstBare;
    }
}
