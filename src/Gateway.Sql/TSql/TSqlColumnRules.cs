using Gateway.Sql.Policy;
using Gateway.Sql.Validation;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Gateway.Sql.TSql;

/// <summary>
/// Denied columns, checked after the walk when every scope's tables are known. Entries are <c>column</c> (any table)
/// or <c>table.column</c> / <c>schema.table.column</c>. A reference is resolved through aliases to the tables it could
/// mean; when it cannot be resolved, it is held against every table the query reads. A <c>*</c> over a base table
/// is refused when that table has a denied column, or when a bare column is denied (without the schema, the
/// gateway cannot prove the table lacks it).
/// </summary>
internal sealed class TSqlColumnRules
{
    private readonly HashSet<string> _bare = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string[]> _qualified = [];

    // Every denied column name, qualified or not: most references miss it and need no alias resolution.
    private readonly HashSet<string> _names = new(StringComparer.OrdinalIgnoreCase);

    public TSqlColumnRules(SqlPolicy policy)
    {
        foreach (var entry in policy.DeniedColumns)
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

    public TSqlViolation? Check(IReadOnlyList<TSqlQueryScope> scopes)
    {
        if (IsEmpty)
        {
            return null;
        }

        foreach (var scope in scopes)
        {
            foreach (var column in scope.Columns)
            {
                if (_names.Contains(TSqlIdentifiers.Name(column.MultiPartIdentifier.Identifiers[^1])) && CheckColumn(scope, column, scopes) is { } violation)
                {
                    return violation;
                }
            }

            foreach (var star in scope.Stars)
            {
                var qualifier = star.Qualifier?.Identifiers;
                var tables = qualifier is null or { Count: 0 }
                    ? scope.Tables
                    : Resolve(scope, TSqlIdentifiers.Name(qualifier[^1]), qualifier.Count >= 2 ? TSqlIdentifiers.OptionalName(qualifier[^2]) : null, scopes);
                if (CheckStar(tables, star) is { } violation)
                {
                    return violation;
                }
            }

            foreach (var call in scope.WildcardCalls)
            {
                if (CheckStar(scope.Tables, call) is { } violation)
                {
                    return violation;
                }
            }
        }

        return null;
    }

    private TSqlViolation? CheckColumn(TSqlQueryScope scope, ColumnReferenceExpression node, IReadOnlyList<TSqlQueryScope> scopes)
    {
        var parts = node.MultiPartIdentifier.Identifiers;
        var column = TSqlIdentifiers.Name(parts[^1]);
        if (_bare.Contains(column))
        {
            return Denied(column, column, node);
        }

        var tables = parts.Count == 1
            ? scope.SelfAndAncestors().SelectMany(s => s.Tables)
            : Resolve(scope, TSqlIdentifiers.Name(parts[^2]), parts.Count >= 3 ? TSqlIdentifiers.OptionalName(parts[^3]) : null, scopes);
        foreach (var table in tables)
        {
            if (FindQualified(table, column) is { } entry)
            {
                return Denied(column, entry, node);
            }
        }

        return null;
    }

    private TSqlViolation? CheckStar(List<TSqlTableRef> tables, TSqlFragment node)
    {
        if (tables.Count == 0)
        {
            return null;
        }

        if (_bare.Count > 0)
        {
            return new(RuleIds.ColumnDenied, $"* could include the denied column {_bare.First()}; list the columns instead.", node);
        }

        foreach (var table in tables)
        {
            foreach (var entry in _qualified)
            {
                if (Matches(entry, table))
                {
                    return new(RuleIds.ColumnDenied, $"* over {table.Name} includes the denied column {string.Join('.', entry)}; list the columns instead.", node);
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

    private static TSqlViolation Denied(string column, string entry, TSqlFragment node) =>
        new(RuleIds.ColumnDenied, $"The column {column} is denied by the policy ({entry}).", node);
}
