using Gateway.Sql.Ast;

namespace Gateway.Sql.Validation.Rules;

/// <summary>A policy column entry a reference resolved to; <see cref="WholeRow"/> when the reference named a whole row of a table holding it.</summary>
internal readonly record struct PolicyColumnMatch(string Entry, bool WholeRow);

/// <summary>
/// Resolves column references and stars to policy column entries (denied or masked) through aliases and enclosing
/// scopes. Names that could mean a table holding an entry count as that table (fails closed).
/// </summary>
internal static class PolicyColumnLookup
{
    public static PolicyColumnMatch? Find(DeniedColumns entries, ColumnUse use)
    {
        var parts = use.Parts;
        var column = parts[^1].Value;
        if (parts.Count > 1)
        {
            var qualifier = parts[^2].Value;
            var schema = parts.Count > 2 ? parts[^3].Value : null;
            if (entries.Find(schema, qualifier, column) is { } direct)
            {
                return new(direct, false);
            }

            for (var scope = use.Scope; scope is not null; scope = scope.Parent)
            {
                foreach (var source in scope.Sources)
                {
                    if (source.IsBaseTable && source.IsNamed(qualifier)
                        && entries.Find(source.Table!.Name.Qualifier, source.Table.Name.Name, column) is { } entry)
                    {
                        return new(entry, false);
                    }
                }
            }

            return null;
        }

        if (entries.Find(null, null, column) is { } bare)
        {
            return new(bare, false);
        }

        for (var scope = use.Scope; scope is not null; scope = scope.Parent)
        {
            foreach (var source in scope.Sources)
            {
                if (!source.IsBaseTable)
                {
                    continue;
                }

                var table = source.Table!.Name;
                if (entries.Find(table.Qualifier, table.Name, column) is { } entry)
                {
                    return new(entry, false);
                }

                if (source.IsNamed(column) && entries.AnyIn(table.Qualifier, table.Name) is { } hidden)
                {
                    return new(hidden, true);
                }
            }
        }

        return null;
    }

    /// <summary>An entry that a star (or NATURAL JOIN, <c>TABLE t</c>, <c>x IN t</c>) reads, and the table holding it.</summary>
    public static (string Entry, string Table)? Find(DeniedColumns entries, StarUse star)
    {
        foreach (var source in star.Scope.Sources)
        {
            if (!source.IsBaseTable || (star.Qualifier is not null && !source.IsNamed(star.Qualifier)))
            {
                continue;
            }

            var table = source.Table!.Name;
            if (entries.AnyIn(table.Qualifier, table.Name) is { } entry)
            {
                return (entry, table.Name);
            }
        }

        if (star.Qualifier is not null)
        {
            // t.* where t names no source in this scope: look outward (a correlated qualifier).
            for (var scope = star.Scope.Parent; scope is not null; scope = scope.Parent)
            {
                foreach (var source in scope.Sources)
                {
                    if (source.IsBaseTable && source.IsNamed(star.Qualifier)
                        && entries.AnyIn(source.Table!.Name.Qualifier, source.Table.Name.Name) is { } entry)
                    {
                        return (entry, source.Table.Name.Name);
                    }
                }
            }
        }

        return null;
    }
}
