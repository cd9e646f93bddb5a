using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Gateway.Sql.TSql;

/// <summary>
/// A policy's column entries (<c>column</c> in any table, or <c>table.column</c> / <c>schema.table.column</c>) and
/// how references and stars resolve to them: through aliases to the tables a reference could mean; when it cannot be
/// resolved, against every table the query reads. Shared by the denied and the masked column rules.
/// </summary>
internal sealed class TSqlColumnLookup
{
    private readonly HashSet<string> _bare = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string[]> _qualified = [];

    // Every listed column name, qualified or not: most references miss it and need no alias resolution.
    private readonly HashSet<string> _names = new(StringComparer.OrdinalIgnoreCase);

    public TSqlColumnLookup(IReadOnlySet<string> entries)
    {
        foreach (var entry in entries)
        {
            var parts = entry.Split('.');
            _names.Add(parts[^1]);
            if (parts.Length == 1)
            {
                _bare.Add(entry);
            }
            else
            {
                _qualified.Add(parts);
            }
        }
    }

    public bool IsEmpty => _bare.Count == 0 && _qualified.Count == 0;

    /// <summary>The entry a column reference resolves to, if any.</summary>
    public string? Find(TSqlQueryScope scope, ColumnReferenceExpression node, IReadOnlyList<TSqlQueryScope> scopes)
    {
        var parts = node.MultiPartIdentifier.Identifiers;
        var column = TSqlIdentifiers.Name(parts[^1]);
        if (!_names.Contains(column))
        {
            return null;
        }

        if (_bare.Contains(column))
        {
            return column;
        }

        var tables = parts.Count == 1
            ? scope.SelfAndAncestors().SelectMany(s => s.Tables)
            : Resolve(scope, TSqlIdentifiers.Name(parts[^2]), parts.Count >= 3 ? TSqlIdentifiers.OptionalName(parts[^3]) : null, scopes);
        foreach (var table in tables)
        {
            if (FindQualified(table, column) is { } entry)
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>The base tables a <c>*</c> or <c>t.*</c> in <paramref name="scope"/> reads.</summary>
    public static List<TSqlTableRef> StarTables(TSqlQueryScope scope, SelectStarExpression star, IReadOnlyList<TSqlQueryScope> scopes)
    {
        var qualifier = star.Qualifier?.Identifiers;
        return qualifier is null or { Count: 0 }
            ? scope.Tables
            : Resolve(scope, TSqlIdentifiers.Name(qualifier[^1]), qualifier.Count >= 2 ? TSqlIdentifiers.OptionalName(qualifier[^2]) : null, scopes);
    }

    /// <summary>
    /// An entry a star over <paramref name="tables"/> could include, and the table holding it; a bare entry counts
    /// for any table (without the schema, the gateway cannot prove the table lacks it).
    /// </summary>
    public (string Entry, string Table)? FindInStar(List<TSqlTableRef> tables)
    {
        if (tables.Count == 0)
        {
            return null;
        }

        if (_bare.Count > 0)
        {
            return (_bare.First(), tables[0].Name);
        }

        foreach (var table in tables)
        {
            foreach (var entry in _qualified)
            {
                if (Matches(entry, table))
                {
                    return (string.Join('.', entry), table.Name);
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The tables a qualifier can mean: the innermost scope that knows the name decides. A derived table or CTE name
    /// means no base table (its own query was checked); an unknown name could be anything.
    /// </summary>
    private static List<TSqlTableRef> Resolve(TSqlQueryScope scope, string qualifier, string? schema, IReadOnlyList<TSqlQueryScope> scopes)
    {
        foreach (var candidate in scope.SelfAndAncestors())
        {
            var tables = candidate.Tables
                .Where(t => t.ExposedName.Equals(qualifier, StringComparison.OrdinalIgnoreCase)
                    && (schema is null || t.Alias is not null || string.Equals(t.Schema, schema, StringComparison.OrdinalIgnoreCase) || t.Schema is null))
                .ToList();
            if (tables.Count > 0)
            {
                return tables;
            }

            if (schema is null && candidate.DerivedNames.Contains(qualifier))
            {
                return [];
            }
        }

        return [.. scopes.SelectMany(s => s.Tables)];
    }

    private string? FindQualified(TSqlTableRef table, string column)
    {
        foreach (var entry in _qualified)
        {
            if (entry[^1].Equals(column, StringComparison.OrdinalIgnoreCase) && Matches(entry, table))
            {
                return string.Join('.', entry);
            }
        }

        return null;
    }

    /// <summary>Whether a <c>[schema.]table.column</c> entry is about this table; an unqualified reference could be any schema.</summary>
    private static bool Matches(string[] entry, TSqlTableRef table) =>
        entry[^2].Equals(table.Name, StringComparison.OrdinalIgnoreCase)
        && (entry.Length < 3 || table.Schema is null || entry[^3].Equals(table.Schema, StringComparison.OrdinalIgnoreCase));
}
